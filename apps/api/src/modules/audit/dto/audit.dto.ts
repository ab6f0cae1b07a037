import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_ACTOR_TYPES, type AuditEventResponse, type AuditPage } from '@spfwatch/contracts';
import type { AuditEventRow } from '../audit.repository';

export class AuditActorDto {
  @ApiProperty({ enum: AUDIT_ACTOR_TYPES })
  type!: AuditEventResponse['actor']['type'];
  @ApiProperty({ type: String, nullable: true, description: "The user's or token's id" })
  id!: string | null;
  @ApiProperty({ example: 'alice@agency.example', description: 'Email, token name, or the email a failed login tried' })
  label!: string;
}

export class AuditTargetDto {
  @ApiProperty({ example: 'domain' })
  type!: string;
  @ApiProperty({ type: String, nullable: true })
  id!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'example.com' })
  label!: string | null;
}

export class AuditEventDto implements AuditEventResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'domain.created' })
  action!: string;
  @ApiProperty({ type: AuditActorDto })
  actor!: AuditActorDto;
  @ApiPropertyOptional({ type: AuditTargetDto, nullable: true })
  target!: AuditTargetDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { from: 'member', to: 'admin' } })
  details!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' })
  ip!: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class AuditPageDto implements AuditPage {
  @ApiProperty({ type: [AuditEventDto] })
  items!: AuditEventDto[];
  @ApiProperty()
  total!: number;
  @ApiProperty()
  page!: number;
  @ApiProperty()
  pageSize!: number;
}

export function toAuditEventDto(row: AuditEventRow): AuditEventDto {
  return {
    id: row.id,
    action: row.action,
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    target: row.targetType ? { type: row.targetType, id: row.targetId, label: row.targetLabel } : null,
    details: row.details,
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
  };
}
