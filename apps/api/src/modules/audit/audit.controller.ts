import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AuditQuery, auditQuerySchema } from '@spfwatch/contracts';
import { RequireRole } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AuditService } from './audit.service';
import { AuditPageDto, toAuditEventDto } from './dto/audit.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequireRole('admin')
  @ApiOperation({ summary: 'The audit log, newest first (owners and admins)' })
  @ApiQuery({ name: 'action', required: false, description: 'One action (user.invited) or a family (user. or user.*)' })
  @ApiQuery({ name: 'actor', required: false, description: "Part of the actor's email or token name, or their id" })
  @ApiQuery({ name: 'from', required: false, description: 'ISO date-time, inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO date-time, exclusive' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrors('validation_failed', 'unauthorized', 'forbidden')
  async list(@CurrentOrg() organizationId: string, @Query(new ZodValidationPipe(auditQuerySchema)) query: AuditQuery): Promise<AuditPageDto> {
    const page = await this.audit.list(organizationId, query);
    return { ...page, items: page.items.map(toAuditEventDto) };
  }
}
