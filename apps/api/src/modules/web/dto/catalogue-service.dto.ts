import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_CATEGORIES, type CatalogueServiceList, type CatalogueServiceResponse, type ServiceCategoryValue } from '@spfwatch/contracts';
import type { CatalogueService } from '@spfwatch/spf';

export class CatalogueServiceDto implements CatalogueServiceResponse {
  @ApiProperty({ example: 'google-workspace' }) id!: string;
  @ApiProperty({ example: 'Google Workspace' }) name!: string;
  @ApiProperty({ enum: SERVICE_CATEGORIES }) category!: ServiceCategoryValue;
  @ApiProperty({ type: String, nullable: true, example: '_spf.google.com', description: 'The include to publish for this service; null when each customer gets its own (see suffixes)' }) include!: string | null;
  @ApiProperty({ type: [String] }) includes!: string[];
  @ApiProperty({ type: [String], example: ['.hubspotemail.net'], description: 'Name endings of per-customer includes' }) suffixes!: string[];
  @ApiProperty({ type: String, nullable: true }) docs!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ description: 'The provider record is not recorded; fixtures for it are illustrative' }) illustrative!: boolean;
}

export class CatalogueServiceListDto implements CatalogueServiceList {
  @ApiProperty({ type: [CatalogueServiceDto] }) items!: CatalogueServiceDto[];
  @ApiProperty() total!: number;
}

export function toCatalogueServiceDto(service: CatalogueService): CatalogueServiceDto {
  return {
    id: service.id,
    name: service.name,
    category: service.category,
    include: service.recommendedInclude ?? service.includes[0] ?? null,
    includes: [...service.includes],
    suffixes: [...(service.suffixes ?? [])],
    docs: service.docs ?? null,
    note: service.note ?? null,
    illustrative: service.illustrative === true,
  };
}
