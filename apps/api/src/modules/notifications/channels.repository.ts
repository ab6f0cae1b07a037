import { Injectable } from '@nestjs/common';
import { type AlertSeverity, type ChannelKind, Prisma } from '@spfwatch/db';
import { PrismaService } from '../../prisma/prisma.service';
import type { Tx } from '../checks/db-transaction';

export interface ChannelRow {
  id: string;
  organizationId: string;
  kind: ChannelKind;
  name: string;
  clientId: string | null;
  domainId: string | null;
  config: unknown;
  secret: string | null;
  enabled: boolean;
  minSeverity: AlertSeverity;
  events: string[];
  quietHours: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChannelWrite {
  kind?: ChannelKind;
  name?: string;
  clientId?: string | null;
  domainId?: string | null;
  config?: unknown;
  secret?: string | null;
  enabled?: boolean;
  minSeverity?: AlertSeverity;
  events?: string[];
  /** null clears. */
  quietHours?: unknown;
}

const CHANNEL_SELECT = {
  id: true,
  organizationId: true,
  kind: true,
  name: true,
  clientId: true,
  domainId: true,
  config: true,
  secret: true,
  enabled: true,
  minSeverity: true,
  events: true,
  quietHours: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.NotificationChannelSelect;

@Injectable()
export class ChannelsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** In `tx` when given (a configuration import's transaction). */
  async create(organizationId: string, data: ChannelWrite & { kind: ChannelKind; name: string; config: unknown }, now: Date, tx?: Tx): Promise<ChannelRow> {
    return (tx ?? this.prisma).notificationChannel.create({
      data: {
        organizationId,
        kind: data.kind,
        name: data.name,
        clientId: data.clientId ?? null,
        domainId: data.domainId ?? null,
        config: data.config as Prisma.InputJsonValue,
        secret: data.secret ?? null,
        enabled: data.enabled ?? true,
        minSeverity: data.minSeverity ?? 'warning',
        events: data.events ?? ['alerts'],
        ...(data.quietHours ? { quietHours: data.quietHours as Prisma.InputJsonValue } : {}),
        createdAt: now,
      },
      select: CHANNEL_SELECT,
    });
  }

  list(organizationId: string): Promise<ChannelRow[]> {
    return this.prisma.notificationChannel.findMany({ where: { organizationId }, select: CHANNEL_SELECT, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  findById(organizationId: string, id: string): Promise<ChannelRow | null> {
    return this.prisma.notificationChannel.findFirst({ where: { id, organizationId }, select: CHANNEL_SELECT });
  }

  async update(organizationId: string, id: string, data: ChannelWrite): Promise<ChannelRow | null> {
    const { quietHours, config, ...rest } = data;
    const { count } = await this.prisma.notificationChannel.updateMany({
      where: { id, organizationId },
      data: {
        ...rest,
        ...(config !== undefined ? { config: config as Prisma.InputJsonValue } : {}),
        ...(quietHours !== undefined ? { quietHours: quietHours === null ? Prisma.DbNull : (quietHours as Prisma.InputJsonValue) } : {}),
      },
    });
    return count === 0 ? null : this.findById(organizationId, id);
  }

  async delete(organizationId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.notificationChannel.deleteMany({ where: { id, organizationId } });
    return count > 0;
  }

  async clientExists(organizationId: string, clientId: string): Promise<boolean> {
    return (await this.prisma.client.count({ where: { id: clientId, organizationId } })) > 0;
  }

  async domainExists(organizationId: string, domainId: string): Promise<boolean> {
    return (await this.prisma.domain.count({ where: { id: domainId, organizationId } })) > 0;
  }

  async organizationTimeZone(organizationId: string): Promise<string> {
    const organization = await this.prisma.organization.findUnique({ where: { id: organizationId }, select: { timeZone: true } });
    return organization?.timeZone ?? 'UTC';
  }
}
