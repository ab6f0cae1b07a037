/**
 * The real application for tests: `createTestApp()` builds the whole AppModule against the
 * database the jest global setup created (process.env.DATABASE_URL, migrated), with
 * SPFWATCH_ROLE=all and the scheduler off, so tests drive ticks themselves. `t.http` is
 * signed in as the default organization's owner (a session cookie plus the CSRF header);
 * `t.anonymous` sends no credentials; `loginAs(t, role)` (./auth) signs in other roles.
 *
 *   const t = await createTestApp({ clock, dnsServers: [dns.address] });
 *   await t.http.post('/api/clients').send({ name: 'Acme' } satisfies CreateClientDto).expect(201);
 *   await t.close();
 */
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import supertest from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { AppLogger } from '../../src/common/app-logger';
import { CLOCK, type Clock } from '../../src/common/clock';
import { AppConfig } from '../../src/config/app-config';
import type { Env } from '../../src/config/env';
import { OrganizationsService } from '../../src/modules/organizations/organizations.service';
import { PrismaService } from '../../src/prisma/prisma.service';

import { installTestOwner, type TestAgent, testOwnerAgent } from './auth';
import { testEnv } from './env';

export { resetDatabase } from './database';
export { testEnv } from './env';
export { createApiToken, createUser, loginAs, tokenAgent, type TestAgent } from './auth';

export interface TestAppOverrides {
  /** Parsed env values over the test defaults (`{ SPFWATCH_ROLE: 'worker', WORKER_CONCURRENCY: 2 }`). */
  env?: Partial<Env>;
  /** Replaces the system clock (`CLOCK`), e.g. a `ManualClock`. */
  clock?: Clock;
  /** DNS_SERVERS: loopback fixture addresses ("127.0.0.1:53001"). Default: 127.0.0.1:1, where nothing answers. */
  dnsServers?: string[];
  /** Extra modules next to AppModule (test-only controllers). */
  imports?: (Type<unknown> | DynamicModule)[];
  /** Last chance to override providers: `(builder) => builder.overrideProvider(X).useValue(y)`. */
  configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** The app's logger, also given to configureApp (its JSON access log), as main does. Default: LOG_LEVEL, no access log. */
  logger?: AppLogger;
}

export interface TestApp {
  app: NestExpressApplication;
  /** supertest on the app's HTTP server as the test owner: `t.http.get('/api/clients')`. */
  http: TestAgent;
  /** supertest without credentials (anonymous). */
  anonymous: ReturnType<typeof supertest>;
  /** The test owner's user id. */
  ownerId: string;
  prisma: PrismaService;
  config: AppConfig;
  /** The default organization (the test owner's). */
  orgId: string;
  /** Closes the app (queue workers, scheduler, Prisma); the database stays. */
  close(): Promise<void>;
}

export async function createTestApp(overrides: TestAppOverrides = {}): Promise<TestApp> {
  const env = testEnv({
    ...overrides.env,
    ...(overrides.dnsServers ? { DNS_SERVERS: overrides.dnsServers } : {}),
  });
  const config = new AppConfig(env, env.DATABASE_URL ?? '');
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config), ...(overrides.imports ?? [])] });
  if (overrides.clock) builder = builder.overrideProvider(CLOCK).useValue(overrides.clock);
  if (overrides.configure) builder = overrides.configure(builder);
  const logger = overrides.logger ?? new AppLogger(env.LOG_LEVEL);
  const moduleRef = await builder.setLogger(logger).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger });
  configureApp(app, config, overrides.logger);
  await app.init();
  const orgId = await app.get(OrganizationsService).currentOrganizationId();
  const owner = await installTestOwner(app.get(PrismaService));
  return {
    app,
    http: testOwnerAgent(app),
    anonymous: supertest(app.getHttpServer()),
    ownerId: owner.userId,
    prisma: app.get(PrismaService),
    config,
    orgId,
    close: () => app.close(),
  };
}
