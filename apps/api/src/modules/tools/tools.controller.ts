import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { analyzeToolSchema, checkHostSchema } from '@spfwatch/contracts';
import { ClientScoped } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AnalyzeToolDto, AnalyzeToolResponseDto, CheckHostDto, CheckHostResponseDto } from './dto/tools.dto';
import { ToolsService } from './tools.service';

@ApiTags('tools')
@Controller('tools')
@ClientScoped()
export class ToolsController {
  constructor(private readonly tools: ToolsService) {}

  @Post('check-host')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Is this IP allowed to send as this sender? RFC 7208 check_host() with a plain-language reason' })
  @ApiOkResponse({ type: CheckHostResponseDto })
  @ApiErrors('validation_failed')
  checkHost(@Body(new ZodValidationPipe(checkHostSchema)) body: CheckHostDto): Promise<CheckHostResponseDto> {
    return this.tools.checkHost(body);
  }

  @Post('analyze')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Analyse a domain's live record, or a draft record compared with the domain's current snapshot (what-if)" })
  @ApiOkResponse({ type: AnalyzeToolResponseDto })
  @ApiErrors('validation_failed')
  analyze(@CurrentOrg() organizationId: string, @Body(new ZodValidationPipe(analyzeToolSchema)) body: AnalyzeToolDto): Promise<AnalyzeToolResponseDto> {
    return this.tools.analyze(organizationId, body);
  }
}
