import { Global, Module } from '@nestjs/common';
import { createPrismaClient } from '@spfwatch/db';
import { AppConfig } from '../config/app-config';
import { PrismaLifecycle, PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [
    {
      provide: PrismaService,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => createPrismaClient(config.databaseUrl),
    },
    PrismaLifecycle,
  ],
  exports: [PrismaService],
})
export class PrismaModule {}
