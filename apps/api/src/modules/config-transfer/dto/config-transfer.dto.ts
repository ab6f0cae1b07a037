import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALERT_SEVERITIES,
  CHANNEL_EVENTS,
  CHANNEL_KINDS,
  CONFIG_FORMAT,
  CONFIG_VERSION,
  type ConfigImportReport,
  DEFAULT_CHECK_INTERVAL_MINUTES,
} from '@spfwatch/contracts';
import { AlertThresholdsDto } from '../../alerts/dto/alert-policy.dto';
import { QuietHoursDto } from '../../notifications/dto/channel.dto';

/** OpenAPI description of the document; the zod schema `configDocumentSchema` (@spfwatch/contracts) is what validates it. */
export class ConfigScopeDto {
  @ApiPropertyOptional({ example: 'Acme Corp', description: 'A client, by name (case-insensitive)' }) client?: string;
  @ApiPropertyOptional({ example: 'acme.example', description: 'A domain, by name' }) domain?: string;
}

export class ConfigDomainDto {
  @ApiProperty({ example: 'acme.example' }) name!: string;
  @ApiPropertyOptional({ type: [String], default: [] }) tags?: string[];
  @ApiPropertyOptional({ default: DEFAULT_CHECK_INTERVAL_MINUTES }) checkIntervalMinutes?: number;
  @ApiPropertyOptional({ default: false }) paused?: boolean;
}

export class ConfigClientDto {
  @ApiProperty({ example: 'Acme Corp' }) name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) notes?: string | null;
  @ApiPropertyOptional({ type: [ConfigDomainDto] }) domains?: ConfigDomainDto[];
}

export class ConfigPolicyDto {
  @ApiPropertyOptional({ type: ConfigScopeDto, description: '{} = the organization' }) scope?: ConfigScopeDto;
  @ApiPropertyOptional({ type: AlertThresholdsDto, description: 'null or absent = inherit' }) thresholds?: AlertThresholdsDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { record_changed: { enabled: false } }, description: 'Per alert type, as PUT /api/alert-policies takes them' })
  types?: Record<string, unknown>;
}

export class ConfigChannelDto {
  @ApiProperty({ example: 'Ops mailbox' }) name!: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) kind!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As POST /api/notification-channels takes it (URLs included); a webhook secret is never exported' })
  config!: Record<string, unknown>;
  @ApiPropertyOptional({ type: ConfigScopeDto, description: '{} = the whole organization' }) binding?: ConfigScopeDto;
  @ApiPropertyOptional({ enum: ALERT_SEVERITIES, default: 'warning' }) minSeverity?: string;
  @ApiPropertyOptional({ enum: CHANNEL_EVENTS, isArray: true, default: ['alerts'] }) events?: string[];
  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true }) quietHours?: QuietHoursDto | null;
  @ApiPropertyOptional({ default: true }) enabled?: boolean;
}

export class ConfigScheduleDto {
  @ApiProperty({ example: '0 8 * * 1' }) cron!: string;
  @ApiProperty() enabled!: boolean;
}

class ConfigOrganizationDto {
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone!: string;
}

export class ConfigDocumentDto {
  @ApiProperty({ enum: [CONFIG_FORMAT] }) format!: string;
  @ApiProperty({ enum: [CONFIG_VERSION] }) version!: number;
  @ApiPropertyOptional({ format: 'date-time' }) exportedAt?: string;
  @ApiPropertyOptional({ type: ConfigOrganizationDto, description: 'Informational: an import keeps the target organization’s name and time zone' }) organization?: ConfigOrganizationDto;
  @ApiPropertyOptional({ type: [ConfigClientDto] }) clients?: ConfigClientDto[];
  @ApiPropertyOptional({ type: [ConfigPolicyDto] }) alertPolicies?: ConfigPolicyDto[];
  @ApiPropertyOptional({ type: [ConfigChannelDto] }) notificationChannels?: ConfigChannelDto[];
  @ApiPropertyOptional({ type: ConfigScheduleDto, description: 'Absent: the schedule is left as it is' }) reportSchedule?: ConfigScheduleDto;
}

class NamesDto {
  @ApiProperty({ type: [String] }) created!: string[];
  @ApiProperty({ type: [String] }) existing!: string[];
}

class InvalidDomainDto {
  @ApiProperty() name!: string;
  @ApiProperty({ example: "'localhost' is not a fully qualified domain name (it has a single label)" }) reason!: string;
}

class DomainsReportDto extends NamesDto {
  @ApiProperty({ type: [InvalidDomainDto] }) invalid!: InvalidDomainDto[];
}

class PoliciesReportDto {
  @ApiProperty({ type: [ConfigScopeDto] }) created!: ConfigScopeDto[];
  @ApiProperty({ type: [ConfigScopeDto] }) updated!: ConfigScopeDto[];
  @ApiProperty({ type: [ConfigScopeDto] }) unchanged!: ConfigScopeDto[];
}

class SecretDto {
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'whsec_…' }) secret!: string;
}

class ChannelsReportDto extends NamesDto {
  @ApiProperty({ type: [SecretDto], description: 'New webhooks’ signing secrets: in this answer only (none in a dry run)' }) secrets!: SecretDto[];
}

export class ConfigImportReportDto implements ConfigImportReport {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: NamesDto }) clients!: NamesDto;
  @ApiProperty({ type: DomainsReportDto, description: 'An existing domain is left as it is' }) domains!: DomainsReportDto;
  @ApiProperty({ type: PoliciesReportDto }) policies!: PoliciesReportDto;
  @ApiProperty({ type: ChannelsReportDto }) channels!: ChannelsReportDto;
  @ApiProperty({ enum: ['updated', 'unchanged'] }) schedule!: 'updated' | 'unchanged';
}
