import { ApiProperty } from '@nestjs/swagger';
import type { ProviderEventRow } from '../provider-events.repository';

export class ProviderEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '_netblocks.google.com', description: 'The shared include whose content changed' }) includeDomain!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Google Workspace' }) service!: string | null;
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
  @ApiProperty({ type: String, nullable: true }) beforeHash!: string | null;
  @ApiProperty({ type: String, nullable: true }) afterHash!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ recordBefore, recordAfter, networksAdded, networksRemoved, lookupDelta, changes }' }) diff!: object;
  @ApiProperty({ description: "The organization's domains affected" }) affectedDomains!: number;
  @ApiProperty({ description: 'Domains affected across the whole installation' }) affectedDomainsFleet!: number;
}

export class ProviderEventPageDto {
  @ApiProperty({ type: [ProviderEventDto] }) items!: ProviderEventDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ProviderEventDomainDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class ProviderEventDetailDto extends ProviderEventDto {
  @ApiProperty({ type: [ProviderEventDomainDto] }) domains!: ProviderEventDomainDto[];
}

export function toProviderEventDto(e: ProviderEventRow): ProviderEventDto {
  return {
    id: e.id,
    includeDomain: e.includeDomain,
    service: e.service,
    detectedAt: e.detectedAt.toISOString(),
    beforeHash: e.beforeHash,
    afterHash: e.afterHash,
    diff: (e.diff ?? {}) as object,
    affectedDomains: e.organizationDomainCount,
    affectedDomainsFleet: e.affectedDomainCount,
  };
}

export function toProviderEventDetailDto(e: ProviderEventRow & { domains: Array<{ id: string; name: string }> }): ProviderEventDetailDto {
  return { ...toProviderEventDto(e), domains: e.domains };
}
