import { Global, Module } from '@nestjs/common';
import { createPrismaClient } from '@spfwatch/db';
import { withRequestScoping } from '../common/auth/prisma-scoping';
import { AppConfig } from '../config/app-config';
import { PrismaLifecycle, PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [
    {
      provide: PrismaService,
      inject: [AppConfig],
      // Tenant and client scoping of every query made inside an authenticated request.
      useFactory: (config: AppConfig) => withRequestScoping(createPrismaClient(config.databaseUrl)),
    },
    PrismaLifecycle,
  ],
  exports: [PrismaService],
})
export class PrismaModule {}
