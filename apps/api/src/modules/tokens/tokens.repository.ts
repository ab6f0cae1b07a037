import { Injectable } from '@nestjs/common';
import type { MemberRole } from '@spfwatch/db';
import { PrismaService } from '../../prisma/prisma.service';

export interface ApiTokenRow {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  role: MemberRole;
  clientIds: string[];
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiToken {
  organizationId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  role: MemberRole;
  clientIds: readonly string[];
  createdById: string | null;
  createdAt: Date;
  expiresAt: Date | null;
}

const TOKEN_SELECT = {
  id: true,
  organizationId: true,
  name: true,
  prefix: true,
  role: true,
  clientIds: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

@Injectable()
export class TokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(token: NewApiToken): Promise<ApiTokenRow> {
    return this.prisma.apiToken.create({ data: { ...token, clientIds: [...token.clientIds] }, select: TOKEN_SELECT });
  }

  /** Newest first, revoked ones included. */
  list(organizationId: string): Promise<ApiTokenRow[]> {
    return this.prisma.apiToken.findMany({ where: { organizationId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: TOKEN_SELECT });
  }

  findById(organizationId: string, id: string): Promise<ApiTokenRow | null> {
    return this.prisma.apiToken.findFirst({ where: { organizationId, id }, select: TOKEN_SELECT });
  }

  findByHash(tokenHash: string): Promise<ApiTokenRow | null> {
    return this.prisma.apiToken.findUnique({ where: { tokenHash }, select: TOKEN_SELECT });
  }

  /** Sets revokedAt unless already revoked. */
  async revoke(organizationId: string, id: string, at: Date): Promise<void> {
    await this.prisma.apiToken.updateMany({ where: { organizationId, id, revokedAt: null }, data: { revokedAt: at } });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.apiToken.update({ where: { id }, data: { lastUsedAt: at } });
  }

  countClients(organizationId: string, clientIds: readonly string[]): Promise<number> {
    return this.prisma.client.count({ where: { organizationId, id: { in: [...clientIds] } } });
  }
}
