import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type PutReportScheduleInput, putReportScheduleSchema } from '@spfwatch/contracts';
import { RequireRole } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { PutReportScheduleDto, ReportScheduleDto, toReportScheduleDto } from './dto/report.dto';
import { ReportScheduleService } from './report-schedule.service';

@ApiTags('reports')
@Controller('report-schedule')
export class ReportScheduleController {
  constructor(private readonly schedule: ReportScheduleService) {}

  @Get()
  @ApiOperation({ summary: "When the weekly reports go out (cron in the organization's time zone; default Monday 08:00)" })
  @ApiOkResponse({ type: ReportScheduleDto })
  async get(@CurrentOrg() organizationId: string): Promise<ReportScheduleDto> {
    return toReportScheduleDto(await this.schedule.get(organizationId));
  }

  @Put()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Change the weekly report schedule (cron validated with node-cron, 5 fields) or turn it off' })
  @ApiOkResponse({ type: ReportScheduleDto })
  @ApiErrors('validation_failed', 'forbidden')
  async put(@CurrentOrg() organizationId: string, @Body(new ZodValidationPipe(putReportScheduleSchema)) body: PutReportScheduleDto): Promise<ReportScheduleDto> {
    return toReportScheduleDto(await this.schedule.put(organizationId, body as PutReportScheduleInput));
  }
}
