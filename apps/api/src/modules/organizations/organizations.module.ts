import { Module } from '@nestjs/common';
import { ClientsController } from './clients.controller';
import { ClientsRepository } from './clients.repository';
import { ClientsService } from './clients.service';
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
  ],
  exports: [OrganizationsService, ClientsService],
})
export class OrganizationsModule {}
