import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

class ReadinessChecksDto {
  @ApiProperty({ enum: ['ok', 'failed'] })
  database!: 'ok' | 'failed';
  @ApiProperty({ enum: ['ok', 'failed'] })
  queue!: 'ok' | 'failed';
}

class ReadinessErrorsDto {
  @ApiPropertyOptional()
  database?: string;
  @ApiPropertyOptional()
  queue?: string;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';
  @ApiProperty({ type: ReadinessChecksDto })
  checks!: ReadinessChecksDto;
  @ApiPropertyOptional({ type: ReadinessErrorsDto })
  errors?: ReadinessErrorsDto;
}
