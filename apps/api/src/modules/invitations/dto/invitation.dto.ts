import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type AcceptInvitationInput,
  type CreatedInvitationResponse,
  type CreateInvitationInput,
  INVITATION_STATUSES,
  type InvitationList,
  type InvitationPreview,
  type InvitationResponse,
  type Role,
  ROLES,
} from '@spfwatch/contracts';
import type { InvitationRow } from '../invitations.repository';
import { invitationStatus, type InvitationStatus } from '../invitations.service';

export class CreateInvitationDto implements CreateInvitationInput {
  @ApiProperty({ example: 'bob@client.example' }) email!: string;
  @ApiProperty({ enum: ROLES, description: 'Not above your own role' }) role!: Role;
  @ApiPropertyOptional({ type: [String], description: 'Required for client_viewer: the clients they will see' }) clientIds?: string[];
}

class InviterDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class InvitationDto implements InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String] }) clientIds!: string[];
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: InvitationStatus;
  @ApiProperty({ type: InviterDto, nullable: true }) invitedBy!: InviterDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt!: string | null;
}

export class CreatedInvitationDto extends InvitationDto implements CreatedInvitationResponse {
  @ApiProperty({ example: 'https://spf.example/invite/Zm9v…', description: 'Give this link to the person (shown once)' }) link!: string;
  @ApiProperty({ description: 'The token inside the link' }) token!: string;
}

export class InvitationListDto implements InvitationList {
  @ApiProperty({ type: [InvitationDto] }) items!: InvitationDto[];
  @ApiProperty() total!: number;
}

export class InvitationPreviewDto implements InvitationPreview {
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'An account with this email exists: accepting asks for its password' }) existingAccount!: boolean;
}

export class AcceptInvitationDto implements AcceptInvitationInput {
  @ApiPropertyOptional({ example: 'Bob', description: 'Required for a new account' }) name?: string;
  @ApiProperty({ description: 'New account: at least 12 characters; existing account: its current password' }) password!: string;
}

export function toInvitationDto(row: InvitationRow, now: Date): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    clientIds: row.clientIds,
    status: invitationStatus(row, now),
    invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
  };
}
