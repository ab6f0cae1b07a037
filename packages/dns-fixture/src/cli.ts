#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { isFixtureConfigError, isZoneError } from './errors';
import { type DnsFixture, startDnsFixture } from './server';
import { loadZone } from './zone';

const USAGE = `Usage: spfwatch-dns-fixture --zone <zone.yaml|zone.json> [--port 5300] [--host 127.0.0.1]

Serves the zone over UDP and TCP until SIGINT/SIGTERM; SIGHUP reloads the zone file.
  --zone   zone file (YAML or JSON), required
  --port   port for UDP and TCP (default 0: an ephemeral port, printed on start)
  --host   IP address to listen on (default 127.0.0.1)`;

class UsageError extends Error {
  override readonly name = 'UsageError' as const;
}

function parseOptions(argv: string[]): { zone: string; port: number; host: string } | 'help' {
  let values: { zone?: string; port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { zone: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return 'help';
  if (values.zone === undefined || values.zone === '') throw new UsageError('--zone is required');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) {
    throw new UsageError(`--port must be an integer 0-65535, got ${JSON.stringify(values.port)}`);
  }
  return { zone: values.zone, port, host: values.host ?? '127.0.0.1' };
}

async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const fixture: DnsFixture = await startDnsFixture(options);
  process.stdout.write(`listening ${fixture.address}\n`);

  const shutdown = (): void => {
    void fixture.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  process.on('SIGHUP', () => {
    try {
      fixture.setZone(loadZone(options.zone));
      process.stdout.write(`reloaded ${options.zone}\n`);
    } catch (error) {
      process.stderr.write(`spfwatch-dns-fixture: reload failed, keeping the old zone: ${(error as Error).message}\n`);
    }
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) {
    process.stderr.write(`spfwatch-dns-fixture: ${message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const known = isZoneError(error) || isFixtureConfigError(error) || (error as NodeJS.ErrnoException).code !== undefined;
  process.stderr.write(`spfwatch-dns-fixture: ${known ? message : (error as Error).stack ?? message}\n`);
  process.exit(1);
});
