import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_SEVERITIES, type AlertTypeSettings, type PutAlertPolicyBody } from '@spfwatch/contracts';
import type { EffectivePolicy } from '../alert-policy';
import type { AlertPoliciesView, AlertPolicyView } from '../alert-policies.service';

export class AlertThresholdsDto {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'lookup_warning at ≥ this many lookups (default 8)' }) lookupWarn?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'lookup_limit above this many lookups (default 10)' }) lookupLimit?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'temperror after this many consecutive failed checks (default 3)' }) tempErrorChecks?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'void_lookups above this many void lookups (default 2)' }) voidLimit?: number | null;
}

export class AlertPolicyScopeDto {
  @ApiPropertyOptional({ format: 'uuid' }) clientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) domainId?: string;
}

export class PutAlertPolicyDto {
  @ApiPropertyOptional({ type: AlertPolicyScopeDto, description: 'Empty = organization; clientId = a client; domainId = a domain' }) scope?: AlertPolicyScopeDto;
  @ApiPropertyOptional({ type: AlertThresholdsDto, description: 'Absent or null = inherit' }) thresholds?: AlertThresholdsDto;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', properties: { enabled: { type: 'boolean' }, severity: { type: 'string', enum: [...ALERT_SEVERITIES] } } },
    example: { record_changed: { enabled: false }, lookup_warning: { severity: 'info' } },
    description: 'Per alert type; absent = inherit',
  })
  types?: AlertTypeSettings;
}

export class AlertPolicyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['organization', 'client', 'domain'] }) scope!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) clientId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) domainId!: string | null;
  @ApiProperty({ type: AlertThresholdsDto }) thresholds!: AlertThresholdsDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) types!: AlertTypeSettings;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class EffectivePolicyDto {
  @ApiProperty({ example: { lookupWarn: 8, lookupLimit: 10, tempErrorChecks: 3, voidLimit: 2 } }) thresholds!: EffectivePolicy['thresholds'];
  @ApiProperty({ type: 'object', additionalProperties: true, example: { record_changed: { enabled: true, severity: 'info' } } }) types!: EffectivePolicy['types'];
}

export class AlertPoliciesDto {
  @ApiProperty({ type: EffectivePolicyDto, description: 'What applies at the asked scope, every field resolved' }) effective!: EffectivePolicyDto;
  @ApiProperty({ type: [AlertPolicyDto], description: 'Stored policies, widest scope first' }) policies!: AlertPolicyDto[];
}

export type PutAlertPolicyInput = PutAlertPolicyBody;

function toPolicyDto(p: AlertPolicyView): AlertPolicyDto {
  return { ...p, updatedAt: p.updatedAt.toISOString() };
}

export function toAlertPoliciesDto(v: AlertPoliciesView): AlertPoliciesDto {
  return { effective: v.effective, policies: v.policies.map(toPolicyDto) };
}
