import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { updateOrganizationSchema } from '@spfwatch/contracts';
import { ClientScoped, RequireRole } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { OrganizationDto, toOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organization')
@Controller('organization')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ClientScoped()
  @ApiOperation({ summary: 'The current organization' })
  @ApiOkResponse({ type: OrganizationDto })
  async get(@CurrentOrg() organizationId: string): Promise<OrganizationDto> {
    return toOrganizationDto(await this.organizations.get(organizationId));
  }

  @Patch()
  @RequireRole('owner')
  @ApiOperation({ summary: 'Rename the organization or change its time zone' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiErrors('validation_failed')
  async update(
    @CurrentOrg() organizationId: string,
    @Body(new ZodValidationPipe(updateOrganizationSchema)) body: UpdateOrganizationDto,
  ): Promise<OrganizationDto> {
    return toOrganizationDto(await this.organizations.update(organizationId, body));
  }
}
