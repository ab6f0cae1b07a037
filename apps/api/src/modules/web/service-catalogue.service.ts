import { Injectable } from '@nestjs/common';
import { listServices } from '@spfwatch/spf';
import { toCatalogueServiceDto, type CatalogueServiceListDto } from './dto/catalogue-service.dto';

/** The engine's sending-service catalogue: service names for the dashboard's badges, includes for the record builder. */
@Injectable()
export class ServiceCatalogueService {
  private cached: CatalogueServiceListDto | undefined;

  list(): CatalogueServiceListDto {
    if (!this.cached) {
      // Every service, also those the builder cannot offer (per-customer includes): the
      // dashboard names the services a record authorises from this list.
      const items = listServices()
        .map(toCatalogueServiceDto)
        .sort((a, b) => a.name.localeCompare(b.name, 'en'));
      this.cached = { items, total: items.length };
    }
    return this.cached;
  }
}
