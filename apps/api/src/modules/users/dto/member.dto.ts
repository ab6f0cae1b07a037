import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type MemberList, type MemberResponse, type Role, ROLES, type UpdateMemberInput } from '@spfwatch/contracts';
import type { MemberRow } from '../users.repository';

export class MemberDto implements MemberResponse {
  @ApiProperty({ format: 'uuid', description: "The user's id" }) id!: string;
  @ApiProperty({ example: 'alice@agency.example' }) email!: string;
  @ApiProperty({ example: 'Alice' }) name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String], description: 'For client_viewer: the clients they see' }) clientIds!: string[];
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
}

export class MemberListDto implements MemberList {
  @ApiProperty({ type: [MemberDto] }) items!: MemberDto[];
  @ApiProperty() total!: number;
}

export class UpdateMemberDto implements UpdateMemberInput {
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiPropertyOptional({ type: [String], description: 'Required for client_viewer, refused for the other roles' }) clientIds?: string[];
}

export function toMemberDto(row: MemberRow): MemberDto {
  return { id: row.id, email: row.email, name: row.name, role: row.role, clientIds: row.clientIds, disabled: row.disabled, joinedAt: row.joinedAt.toISOString() };
}
