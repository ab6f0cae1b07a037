import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type AnalyzeToolBody,
  type AnalyzeToolResponse,
  type CheckHostBody,
  type CheckHostResponse,
  MAX_DRAFT_RECORD_LENGTH,
  SPF_RESULT_VALUES,
  type WhatIfComparison,
} from '@spfwatch/contracts';

export class CheckHostDto implements CheckHostBody {
  @ApiProperty({ example: '209.85.220.41', description: 'The SMTP client IP (IPv4 or IPv6)' })
  ip!: string;
  @ApiPropertyOptional({ example: 'alice@example.com', description: 'MAIL FROM; empty checks the HELO identity' })
  sender?: string;
  @ApiPropertyOptional({ example: 'mail.example.com' })
  helo?: string;
  @ApiPropertyOptional({ example: 'example.com', description: "Check this domain's policy instead of the sender's" })
  domain?: string;
  @ApiPropertyOptional({ default: false, description: 'Include the evaluation trace' })
  trace?: boolean;
}

class MatchedTermDto {
  @ApiProperty({ example: 'ip4:209.85.128.0/17' }) term!: string;
  @ApiProperty({ example: '_netblocks.google.com' }) domain!: string;
  @ApiProperty({ type: [String] }) path!: string[];
}

class TraceEntryDto {
  @ApiProperty() depth!: number;
  @ApiProperty() domain!: string;
  @ApiProperty({ enum: ['record', 'match', 'no-match', 'lookup', 'error', 'limit', 'redirect', 'explanation'] }) event!: string;
  @ApiPropertyOptional() term?: string;
  @ApiProperty() detail!: string;
}

export class CheckHostResponseDto implements CheckHostResponse {
  @ApiProperty({ enum: SPF_RESULT_VALUES }) result!: CheckHostResponse['result'];
  @ApiProperty({ description: 'The domain whose policy was evaluated' }) domain!: string;
  @ApiProperty({ enum: ['mailfrom', 'helo'] }) identity!: 'mailfrom' | 'helo';
  @ApiProperty() sender!: string;
  @ApiProperty() ip!: string;
  @ApiProperty() helo!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The expanded exp= text, on fail' }) explanation!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'include:_spf.google.com' }) matchedTerm!: string | null;
  @ApiProperty({ type: MatchedTermDto, nullable: true }) matched!: MatchedTermDto | null;
  @ApiProperty({ type: String, nullable: true }) problem!: string | null;
  @ApiProperty() lookups!: number;
  @ApiProperty() voidLookups!: number;
  @ApiProperty({ description: 'RFC 7208 §9.1 header' }) receivedSpf!: string;
  @ApiPropertyOptional({ type: [TraceEntryDto], description: 'Only with trace: true' }) trace?: TraceEntryDto[];
  @ApiProperty({ description: 'Why the result is what it is, in plain words' }) reason!: string;
}

export class AnalyzeToolDto implements AnalyzeToolBody {
  @ApiProperty({ example: 'example.com' })
  domain!: string;
  @ApiPropertyOptional({
    maxLength: MAX_DRAFT_RECORD_LENGTH,
    example: 'v=spf1 include:_spf.google.com include:sendgrid.net -all',
    description: "A draft record, analysed as if published at the domain and compared with the domain's current snapshot (or its live record)",
  })
  record?: string;
}

class AuthorizedNetworkDto {
  @ApiProperty({ example: '167.89.0.0/17' }) cidr!: string;
  @ApiProperty({ enum: [4, 6] }) family!: 4 | 6;
  @ApiProperty({ type: [String], description: 'From the analysed domain to the record holding the term' }) path!: string[];
  @ApiProperty({ example: 'ip4:167.89.0.0/17' }) term!: string;
}

class ChangeDto {
  @ApiProperty() kind!: string;
  @ApiProperty({ enum: ['breaking', 'warning', 'info'] }) severity!: 'breaking' | 'warning' | 'info';
  @ApiProperty() message!: string;
  @ApiProperty({ description: "The change comes only from a shared include (a provider's record)" }) fromSharedInclude!: boolean;
}

export class WhatIfComparisonDto implements WhatIfComparison {
  @ApiProperty({ enum: ['snapshot', 'live'] }) against!: 'snapshot' | 'live';
  @ApiProperty({ type: String, nullable: true }) snapshotId!: string | null;
  @ApiProperty({ type: String, nullable: true }) baseRecord!: string | null;
  @ApiProperty() lookupDelta!: number;
  @ApiProperty() voidDelta!: number;
  @ApiProperty({ type: [String], description: 'Catalogue service ids' }) servicesAdded!: string[];
  @ApiProperty({ type: [String] }) servicesRemoved!: string[];
  @ApiProperty({ type: [AuthorizedNetworkDto], description: 'Newly authorised networks (not covered before)' }) networksGained!: AuthorizedNetworkDto[];
  @ApiProperty({ type: [AuthorizedNetworkDto], description: 'Networks no longer covered' }) networksLost!: AuthorizedNetworkDto[];
  @ApiProperty({ type: [ChangeDto] }) changes!: ChangeDto[];
}

export class AnalyzeToolResponseDto implements AnalyzeToolResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The engine's Analysis: domain, record, status, lookupCount, voidLookups, tree, networks, services, lint, flattened …",
  })
  analysis!: AnalyzeToolResponse['analysis'];
  @ApiProperty({ type: WhatIfComparisonDto, nullable: true, description: 'Only with a draft record' })
  comparison!: WhatIfComparisonDto | null;
}
