import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OrganizationResponse, UpdateOrganizationInput } from '@spfwatch/contracts';
import type { OrganizationRow } from '../organizations.repository';

export class OrganizationDto implements OrganizationResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'Default organization' })
  name!: string;
  @ApiProperty({ example: 'default' })
  slug!: string;
  @ApiProperty({ example: 'Europe/Paris', description: 'IANA time zone' })
  timeZone!: string;
}

export class UpdateOrganizationDto implements UpdateOrganizationInput {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  name?: string;
  @ApiPropertyOptional({ example: 'Europe/Paris', description: 'IANA time zone' })
  timeZone?: string;
}

export function toOrganizationDto(row: OrganizationRow): OrganizationDto {
  return { id: row.id, name: row.name, slug: row.slug, timeZone: row.timeZone };
}
