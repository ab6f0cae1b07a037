import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CreateChannelInput, createChannelSchema, type UpdateChannelInput, updateChannelSchema } from '@spfwatch/contracts';
import { RequireRole } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ChannelsService } from './channels.service';
import { ChannelDto, ChannelListDto, ChannelTestResultDto, CreateChannelDto, CreatedChannelDto, toAttemptDto, toChannelDto, UpdateChannelDto } from './dto/channel.dto';

@ApiTags('notifications')
@Controller('notification-channels')
@RequireRole('admin')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  @ApiOperation({ summary: 'Notification channels of the organization (email, webhook, Slack)' })
  @ApiOkResponse({ type: ChannelListDto })
  @ApiErrors('unauthorized', 'forbidden')
  async list(@CurrentOrg() organizationId: string): Promise<ChannelListDto> {
    const items = (await this.channels.list(organizationId)).map(toChannelDto);
    return { items, total: items.length };
  }

  @Post()
  @ApiOperation({ summary: 'Create a channel (a webhook’s signing secret is in this response only)' })
  @ApiCreatedResponse({ type: CreatedChannelDto })
  @ApiErrors('validation_failed', 'unauthorized', 'forbidden')
  async create(@CurrentOrg() organizationId: string, @Body(new ZodValidationPipe(createChannelSchema)) body: CreateChannelDto): Promise<CreatedChannelDto> {
    const created = await this.channels.create(organizationId, body as CreateChannelInput);
    return { ...toChannelDto(created), secret: created.secret };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One channel' })
  @ApiOkResponse({ type: ChannelDto })
  @ApiErrors('not_found', 'unauthorized', 'forbidden')
  async get(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Channel')) id: string): Promise<ChannelDto> {
    return toChannelDto(await this.channels.get(organizationId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a channel (name, configuration of its kind, binding, severity, events, quiet hours, enabled)' })
  @ApiOkResponse({ type: ChannelDto })
  @ApiErrors('validation_failed', 'not_found', 'unauthorized', 'forbidden')
  async update(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Channel')) id: string, @Body(new ZodValidationPipe(updateChannelSchema)) body: UpdateChannelDto): Promise<ChannelDto> {
    return toChannelDto(await this.channels.update(organizationId, id, body as UpdateChannelInput));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a channel with its notification history' })
  @ApiNoContentResponse()
  @ApiErrors('not_found', 'unauthorized', 'forbidden')
  async remove(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Channel')) id: string): Promise<void> {
    await this.channels.remove(organizationId, id);
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send a test message now (synchronously, ignoring quiet hours); the answer is the recorded attempt, delivered or not' })
  @ApiOkResponse({ type: ChannelTestResultDto })
  @ApiErrors('not_found', 'unauthorized', 'forbidden')
  async test(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Channel')) id: string): Promise<ChannelTestResultDto> {
    const result = await this.channels.test(organizationId, id);
    return { notificationId: result.notificationId, messageId: result.messageId, delivered: result.delivered, attempt: toAttemptDto(result.attempt) };
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Replace a webhook’s signing secret (the new one is in this response only)' })
  @ApiOkResponse({ type: CreatedChannelDto })
  @ApiErrors('bad_request', 'not_found', 'unauthorized', 'forbidden')
  async rotateSecret(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Channel')) id: string): Promise<CreatedChannelDto> {
    const rotated = await this.channels.rotateSecret(organizationId, id);
    return { ...toChannelDto(rotated), secret: rotated.secret };
  }
}
