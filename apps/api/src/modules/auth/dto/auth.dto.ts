import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type LoginInput, type LoginResponse, type MeResponse, type MembershipSummary, type Role, ROLES, type SetupInput, type SetupStatus } from '@spfwatch/contracts';
import type { StartedSession } from '../sessions.service';
import type { MeView } from '../auth.service';

export class LoginDto implements LoginInput {
  @ApiProperty({ example: 'alice@agency.example' }) email!: string;
  @ApiProperty({ example: 'correct horse battery staple' }) password!: string;
  @ApiPropertyOptional({ example: 'default', description: "Slug of the organization to open (default: the user's first)" }) organization?: string;
}

class SessionUserDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
}

class OrganizationRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
}

class MembershipSummaryDto implements MembershipSummary {
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() organizationSlug!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
}

export class MeDto implements MeResponse {
  @ApiProperty({ enum: ['session', 'token'] }) via!: 'session' | 'token';
  @ApiProperty({ type: SessionUserDto, nullable: true }) user!: SessionUserDto | null;
  @ApiProperty({ type: String, nullable: true }) tokenName!: string | null;
  @ApiProperty({ type: OrganizationRefDto }) organization!: OrganizationRefDto;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String], nullable: true, description: 'The clients a client_viewer sees; null = the whole organization' }) clientIds!: string[] | null;
  @ApiProperty({ type: [MembershipSummaryDto] }) memberships!: MembershipSummaryDto[];
}

export class LoginResponseDto extends MeDto implements LoginResponse {
  @ApiProperty({ description: 'Send it as the x-csrf-token header on POST/PUT/PATCH/DELETE (also in the spfwatch_csrf cookie)' }) csrfToken!: string;
  @ApiProperty({ format: 'date-time', description: 'Absolute end of the session (it also ends after 12 h without requests)' }) expiresAt!: string;
}

export class SetupStatusDto implements SetupStatus {
  @ApiProperty({ description: 'True while no owner exists' }) needed!: boolean;
}

export class SetupDto implements SetupInput {
  @ApiProperty({ description: "The one-time token printed in the server's log" }) token!: string;
  @ApiProperty({ example: 'owner@agency.example' }) email!: string;
  @ApiProperty({ example: 'Olivia Owner' }) name!: string;
  @ApiProperty({ minLength: 12 }) password!: string;
  @ApiPropertyOptional({ example: 'Acme Agency', description: 'Renames the default organization' }) organizationName?: string;
}

export function toMeDto(me: MeView): MeDto {
  return { ...me, memberships: me.memberships.map((m) => ({ ...m })) };
}

export function toLoginResponseDto(me: MeView, session: StartedSession): LoginResponseDto {
  return { ...toMeDto(me), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
}
