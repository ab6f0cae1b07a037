import { Module } from '@nestjs/common';
import { ServiceCatalogueController } from './service-catalogue.controller';
import { ServiceCatalogueService } from './service-catalogue.service';
import { defaultWebDistDir, WEB_DIST_DIR, WebAppServer } from './web-app.server';

/**
 * The web app's side of the API: serves apps/web/dist at `/` (SPA fallback) and the
 * sending-service catalogue the record builder offers (`GET /api/tools/services`).
 */
@Module({
  controllers: [ServiceCatalogueController],
  providers: [ServiceCatalogueService, WebAppServer, { provide: WEB_DIST_DIR, useFactory: defaultWebDistDir }],
})
export class WebModule {}
