import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ClockModule } from './common/clock.module';
import type { Clock } from './common/clock';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DnsModule } from './dns/dns.module';
import { PrismaModule } from './prisma/prisma.module';
import { QueueModule } from './queue/queue.module';
import { HealthModule } from './modules/health/health.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { WebModule } from './modules/web/web.module';
import { SnapshotsModule } from './modules/snapshots/snapshots.module';
import { AlertsModule } from './modules/alerts/alerts.module';
import { ProviderEventsModule } from './modules/provider-events/provider-events.module';
import { ChecksModule } from './modules/checks/checks.module';
import { SchedulerModule } from './modules/scheduler/scheduler.module';
import { DomainsModule } from './modules/domains/domains.module';
import { FleetModule } from './modules/fleet/fleet.module';
import { ToolsModule } from './modules/tools/tools.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { InvitationsModule } from './modules/invitations/invitations.module';
import { TokensModule } from './modules/tokens/tokens.module';
import { UsersModule } from './modules/users/users.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { ReportsModule } from './modules/reports/reports.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ConfigTransferModule } from './modules/config-transfer/config-transfer.module';

/** Feature modules, one line each: add yours here. */
const FEATURE_MODULES = [
  HealthModule,
  MetricsModule,
  OrganizationsModule,
  SnapshotsModule,
  AlertsModule,
  ProviderEventsModule,
  ChecksModule,
  SchedulerModule,
  DomainsModule,
  FleetModule,
  ToolsModule,
  AuditModule,
  UsersModule,
  TokensModule,
  AuthModule,
  InvitationsModule,
  NotificationsModule,
  ReportsModule,
  ConfigTransferModule,
  WebModule,
];

/**
 * The whole application. Core providers are global: AppConfig, CLOCK, PrismaService,
 * DnsService, QueueService and @nestjs/schedule's SchedulerRegistry.
 */
@Module({})
export class AppModule {
  /** `clock`: the time every rule reads (default: the system clock). */
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        PrismaModule,
        DnsModule,
        QueueModule,
        ScheduleModule.forRoot(),
        ...FEATURE_MODULES,
      ],
    };
  }
}
