import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ClientsController } from './clients.controller';
import { ClientsRepository } from './clients.repository';
import { ClientsService } from './clients.service';
import { OrganizationGuard } from './organization.guard';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';

@Module({
  controllers: [OrganizationsController, ClientsController],
  providers: [
    OrganizationsRepository,
    OrganizationsService,
    ClientsRepository,
    ClientsService,
    { provide: APP_GUARD, useClass: OrganizationGuard },
  ],
  exports: [OrganizationsService, ClientsService],
})
export class OrganizationsModule {}
