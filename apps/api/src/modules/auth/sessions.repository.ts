import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma/prisma.service';

export interface SessionRow {
  id: string;
  userId: string;
  organizationId: string;
  csrfHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  user: { email: string; name: string; disabled: boolean };
}

export interface NewSession {
  id: string;
  userId: string;
  organizationId: string;
  csrfHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(session: NewSession): Promise<void> {
    await this.prisma.session.create({ data: session });
  }

  findById(id: string): Promise<SessionRow | null> {
    return this.prisma.session.findUnique({
      where: { id },
      select: { id: true, userId: true, organizationId: true, csrfHash: true, createdAt: true, lastSeenAt: true, expiresAt: true, user: { select: { email: true, name: true, disabled: true } } },
    });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id }, data: { lastSeenAt: at } });
  }

  async delete(id: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id } });
  }

  /** Sessions past their absolute expiry or idle since before `idleBefore`. */
  async deleteExpired(now: Date, idleBefore: Date): Promise<number> {
    const { count } = await this.prisma.session.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lt: idleBefore } }] } });
    return count;
  }
}
