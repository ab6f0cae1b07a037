import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLIENT_NAME_MAX,
  CLIENT_NOTES_MAX,
  type ClientList,
  type ClientResponse,
  type CreateClientInput,
  type DomainCounts,
  type UpdateClientInput,
} from '@spfwatch/contracts';
import type { ClientWithCounts } from '../clients.service';

export class DomainCountsDto implements DomainCounts {
  @ApiProperty() total!: number;
  @ApiProperty() ok!: number;
  @ApiProperty() warning!: number;
  @ApiProperty() broken!: number;
  @ApiProperty({ description: 'Not checked yet' }) unknown!: number;
}

export class ClientDto implements ClientResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'Acme Corp' })
  name!: string;
  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ type: DomainCountsDto })
  domainCounts!: DomainCountsDto;
}

export class ClientListDto implements ClientList {
  @ApiProperty({ type: [ClientDto] })
  items!: ClientDto[];
  @ApiProperty()
  total!: number;
}

export class CreateClientDto implements CreateClientInput {
  @ApiProperty({ minLength: 1, maxLength: CLIENT_NAME_MAX, example: 'Acme Corp', description: 'Unique in the organization (case-insensitive)' })
  name!: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: CLIENT_NOTES_MAX })
  notes?: string | null;
}

export class UpdateClientDto implements UpdateClientInput {
  @ApiPropertyOptional({ minLength: 1, maxLength: CLIENT_NAME_MAX })
  name?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: CLIENT_NOTES_MAX, description: 'null clears the notes' })
  notes?: string | null;
}

export function toClientDto(client: ClientWithCounts): ClientDto {
  const { ok = 0, warning = 0, broken = 0, unknown = 0 } = client.counts;
  return {
    id: client.id,
    name: client.name,
    notes: client.notes,
    createdAt: client.createdAt.toISOString(),
    domainCounts: { total: ok + warning + broken + unknown, ok, warning, broken, unknown },
  };
}
