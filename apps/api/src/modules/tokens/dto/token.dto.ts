import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type ApiTokenList, type ApiTokenResponse, type CreatedApiTokenResponse, type CreateTokenInput, TOKEN_ROLES, type TokenRole } from '@spfwatch/contracts';
import type { ApiTokenRow } from '../tokens.repository';

export class CreateTokenDto implements CreateTokenInput {
  @ApiProperty({ example: 'CI deploy check', maxLength: 100 })
  name!: string;
  @ApiProperty({ enum: TOKEN_ROLES, description: 'client_viewer needs clientIds; the others see the whole organization' })
  role!: TokenRole;
  @ApiPropertyOptional({ type: [String], description: 'For client_viewer: the clients the token sees' })
  clientIds?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, description: 'Days until it stops working (absent = until revoked)' })
  expiresInDays?: number;
}

class TokenCreatorDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class ApiTokenDto implements ApiTokenResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'spfw_AbCd1234', description: 'The first characters, to recognise the token' }) prefix!: string;
  @ApiProperty({ enum: TOKEN_ROLES }) role!: TokenRole;
  @ApiProperty({ type: [String] }) clientIds!: string[];
  @ApiProperty({ type: TokenCreatorDto, nullable: true }) createdBy!: TokenCreatorDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class CreatedApiTokenDto extends ApiTokenDto implements CreatedApiTokenResponse {
  @ApiProperty({ example: 'spfw_…', description: 'The token: shown this once, only its hash is kept' })
  token!: string;
}

export class ApiTokenListDto implements ApiTokenList {
  @ApiProperty({ type: [ApiTokenDto] }) items!: ApiTokenDto[];
  @ApiProperty() total!: number;
}

export function toApiTokenDto(row: ApiTokenRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role as TokenRole,
    clientIds: row.clientIds,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
