import { Injectable } from '@nestjs/common';
import { listServices } from '@spfwatch/spf';
import { toCatalogueServiceDto, type CatalogueServiceListDto } from './dto/catalogue-service.dto';

/** The engine's sending-service catalogue, for the record builder's "include by service name". */
@Injectable()
export class ServiceCatalogueService {
  private cached: CatalogueServiceListDto | undefined;

  list(): CatalogueServiceListDto {
    if (!this.cached) {
      // Services the builder cannot include (no include name) are left out.
      const items = listServices()
        .map(toCatalogueServiceDto)
        .filter((s) => s.include !== '')
        .sort((a, b) => a.name.localeCompare(b.name, 'en'));
      this.cached = { items, total: items.length };
    }
    return this.cached;
  }
}
