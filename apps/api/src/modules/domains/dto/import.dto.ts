import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_LINE_STATUSES, IMPORT_MAX_LINES, type ImportDomainsBody, type ImportLine, type ImportLineStatus, type ImportReport } from '@spfwatch/contracts';

export class ImportDomainsDto implements ImportDomainsBody {
  @ApiProperty({
    description: `CSV with a header (client, domain, tags — tags separated by ";" or "|"), or one domain / "client,domain[,tags]" per line. Blank lines and # comments are ignored. At most ${IMPORT_MAX_LINES} lines.`,
    example: 'client,domain,tags\nAcme,example.com,vip;eu\nAcme,example.org,\n',
  })
  text!: string;
  @ApiPropertyOptional({ default: false, description: 'Answer the report without writing anything' })
  dryRun?: boolean;
  @ApiPropertyOptional({ description: 'Client (by name, found or created) for lines that name none' })
  defaultClient?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Existing client for lines that name none (instead of defaultClient)' })
  defaultClientId?: string;
}

export class ImportLineDto implements ImportLine {
  @ApiProperty({ description: '1-based line of the text' }) line!: number;
  @ApiProperty() input!: string;
  @ApiProperty({ enum: IMPORT_LINE_STATUSES, description: 'In a dry run, created = would be created' }) status!: ImportLineStatus;
  @ApiPropertyOptional({ description: 'Normalised name' }) domain?: string;
  @ApiPropertyOptional() client?: string;
  @ApiPropertyOptional({ type: [String] }) tags?: string[];
  @ApiPropertyOptional({ example: "'localhost' is not a fully qualified domain name (it has a single label)" }) reason?: string;
}

export class ImportReportDto implements ImportReport {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() created!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty() invalid!: number;
  @ApiProperty({ type: [String], description: 'Clients created (or to be created in a dry run)' }) clientsCreated!: string[];
  @ApiProperty({ type: [ImportLineDto] }) lines!: ImportLineDto[];
}
