#!/usr/bin/env node
import { DEMO_LOGIN, startDemo } from './demo';

/** A port from the environment: absent → undefined, else 0–65535 or a clear error. */
function portFrom(variable: string): number | undefined {
  const value = process.env[variable];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    console.error(`${variable} must be a port number from 0 to 65535 (got ${JSON.stringify(value)})`);
    process.exit(2);
  }
  return Number(value);
}

/** `npm run demo`: replays the demo fleet's history, then serves it until Ctrl-C. */
async function main(): Promise<void> {
  const port = portFrom('PORT');
  const mailPort = portFrom('SPFWATCH_DEMO_MAIL_PORT');
  console.log('spfwatch demo: starting a loopback DNS server, an SMTP catcher and spfwatch on an embedded Postgres…');
  const demo = await startDemo({
    ...(port !== undefined ? { port } : {}),
    ...(mailPort !== undefined ? { mailPort } : {}),
    ...(process.env.SPFWATCH_DEMO_DIR ? { dataDir: process.env.SPFWATCH_DEMO_DIR } : {}),
    log: (line) => console.log(line),
  });
  const s = demo.stats;
  console.log(
    [
      '',
      `spfwatch demo ready in ${s.seconds} s: ${s.days} days replayed (${s.ticks} scheduler ticks, ${s.checks} checks, ${s.reports} weekly reports, ${s.emails} emails caught).`,
      '',
      `  Dashboard      ${demo.url}`,
      `  Sign in as     ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}   (demo mode only)`,
      `  Caught emails  ${demo.mailUrl}   (files in ${demo.mailDir})`,
      `  DNS server     ${demo.dnsAddress}   e.g. npx spfwatch analyze acme-logistics.example --dns ${demo.dnsAddress}`,
      '',
      'The scheduler keeps checking the fleet from now on. Ctrl-C stops everything.',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: stopping the demo…`);
    demo.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // The demo owns the signals (embedded Postgres installs its own hook that would stop it first).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => shutdown(signal));
  }
}

main().catch((error: unknown) => {
  console.error('spfwatch demo failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
