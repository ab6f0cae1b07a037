import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { updateMemberSchema } from '@spfwatch/contracts';
import { RequireRole, SessionOnly } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { MemberDto, MemberListDto, toMemberDto, UpdateMemberDto } from './dto/member.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@SessionOnly()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequireRole('admin')
  @ApiOperation({ summary: "The organization's members with their roles (owners and admins)" })
  @ApiOkResponse({ type: MemberListDto })
  @ApiErrors('unauthorized', 'forbidden')
  async list(@CurrentOrg() organizationId: string): Promise<MemberListDto> {
    const items = (await this.users.list(organizationId)).map(toMemberDto);
    return { items, total: items.length };
  }

  @Patch(':id')
  @RequireRole('owner')
  @ApiOperation({ summary: "Change a member's role (owner only; the last owner cannot be demoted)" })
  @ApiOkResponse({ type: MemberDto })
  @ApiErrors('validation_failed', 'not_found', 'conflict', 'unauthorized', 'forbidden')
  async update(
    @CurrentOrg() organizationId: string,
    @Param('id', new ParseIdPipe('User')) id: string,
    @Body(new ZodValidationPipe(updateMemberSchema)) body: UpdateMemberDto,
  ): Promise<MemberDto> {
    return toMemberDto(await this.users.changeRole(organizationId, id, body));
  }

  @Delete(':id')
  @RequireRole('owner')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a member (owner only; never the last owner): ends their sessions and revokes the tokens they created' })
  @ApiNoContentResponse()
  @ApiErrors('not_found', 'conflict', 'unauthorized', 'forbidden')
  async remove(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('User')) id: string): Promise<void> {
    await this.users.remove(organizationId, id);
  }
}
