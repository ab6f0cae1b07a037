import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma/prisma.service';

export interface FailureWindow {
  count: number;
  /** The oldest failure still in the window (null when none). */
  oldest: Date | null;
}

@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly prisma: PrismaService) {}

  async failuresSince(where: { email: string } | { ip: string }, since: Date): Promise<FailureWindow> {
    const result = await this.prisma.loginFailure.aggregate({ where: { ...where, createdAt: { gt: since } }, _count: { _all: true }, _min: { createdAt: true } });
    return { count: result._count._all, oldest: result._min.createdAt };
  }

  /** Records a failure and prunes rows older than `pruneBefore` (the table only ever holds one window). */
  async record(email: string, ip: string, at: Date, pruneBefore: Date): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.loginFailure.create({ data: { email, ip, createdAt: at } }),
      this.prisma.loginFailure.deleteMany({ where: { createdAt: { lt: pruneBefore } } }),
    ]);
  }

  async clearAccount(email: string): Promise<void> {
    await this.prisma.loginFailure.deleteMany({ where: { email } });
  }
}
