import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaClient } from '@spfwatch/db';

/**
 * The Prisma client (Prisma 7 over node-postgres, see `createPrismaClient` in @spfwatch/db).
 * Inject it in repositories only: `constructor(private readonly prisma: PrismaService)`.
 * The class is the DI token and the type; the instance is the client `PrismaModule` creates.
 */
export abstract class PrismaService extends PrismaClient {}

/** Disconnects the client last, after queue workers and the scheduler have stopped. */
@Injectable()
export class PrismaLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}
