import type { CreateChannelBody } from '@spfwatch/contracts';
import { type DnsFixture, startDnsFixture, type Zone, type ZoneName } from '@spfwatch/dns-fixture';
import type { Clock } from '../../src/common/clock';
import type { Env } from '../../src/config/env';
import { ChecksService } from '../../src/modules/checks/checks.service';
import { DeliveryService } from '../../src/modules/notifications/delivery.service';
import { createTestApp, resetDatabase, type TestApp } from '../support/app';
import { seedDomains } from '../support/monitoring/monitoring-app';

export const GOOGLE = '_spf.google.com';

/** Records of a zone: `{ 'acme.example': 'v=spf1 …' }` plus Google's include. */
export function zoneOf(records: Record<string, string>): Zone {
  const out: Record<string, ZoneName> = { [GOOGLE]: { TXT: ['v=spf1 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ~all'] } };
  for (const [name, txt] of Object.entries(records)) out[name] = { TXT: [txt] };
  return { ttl: 60, records: out };
}

export interface NotifyApp {
  t: TestApp;
  dns: DnsFixture;
  checks: ChecksService;
  delivery: DeliveryService;
  /** Creates a channel through the API (as the owner) and returns its body. */
  channel(input: Omit<CreateChannelBody, 'name'> & { name?: string }): Promise<{ id: string; secret: string | null }>;
  /** Checks these domains now (manual checks). */
  check(domainIds: Iterable<string>): Promise<void>;
  close(): Promise<void>;
}

/** The whole app (role all: in-process workers) on an emptied database, DNS from a loopback fixture. */
export async function startNotifyApp(zone: Zone, env: Partial<Env> = {}, clock?: Clock): Promise<NotifyApp> {
  const dns = await startDnsFixture({ zone, port: 0 });
  const t = await createTestApp({
    dnsServers: [dns.address],
    ...(clock ? { clock } : {}),
    env: { DNS_RESOLVER: 'wire', DNS_TIMEOUT_MS: 300, PUBLIC_URL: 'https://spf.agency.example', NOTIFY_SETTLE_SECONDS: 0, NOTIFY_RETRY_BASE_SECONDS: 1, NOTIFY_RETRY_MAX_SECONDS: 2, SMTP_TIMEOUT_MS: 3000, ...env },
  });
  await resetDatabase(t.prisma);
  const checks = t.app.get(ChecksService);
  return {
    t,
    dns,
    checks,
    delivery: t.app.get(DeliveryService),
    async channel(input) {
      const response = await t.http.post('/api/notification-channels').send({ name: `${input.kind} channel`, ...input });
      if (response.status !== 201) throw new Error(`channel: ${response.status} ${response.text}`);
      return response.body as { id: string; secret: string | null };
    },
    async check(domainIds) {
      for (const id of domainIds) await checks.checkDomain(t.orgId, id);
    },
    async close() {
      await t.close();
      await dns.stop();
    },
  };
}

export { seedDomains };
