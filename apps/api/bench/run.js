'use strict';
// npm run bench -w @spfwatch/api [-- --domains 10000 --workers 2 --concurrency 8 --requests 300]
//
// The monitoring service at fleet scale, as in production: embedded Postgres, the DNS fixture
// in its own process, and the built app (dist/main.js) as separate processes — one API
// (SPFWATCH_ROLE=api) and N workers (SPFWATCH_ROLE=worker, each with the cron on: one wins
// each tick). Two full cycles cron → queue → workers → DB: the first makes every snapshot,
// the second finds nothing changed. Prints one table.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { applyMigrations, createPrismaClient, MIGRATIONS_DIR, startDatabase } = require('@spfwatch/db');
const { spawnDnsFixture } = require('@spfwatch/dns-fixture');
const { buildFleet } = require('../../../packages/spf/bench/fleet.js');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const COUNT = Number(arg('domains', '10000'));
const WORKERS = Number(arg('workers', '2'));
const CONCURRENCY = arg('concurrency', '2');
const REQUESTS = Number(arg('requests', '300'));
const MAIN_JS = path.join(__dirname, '..', 'dist', 'main.js');
/** The app's own tables (pg-boss's live in the pgboss schema). */
const APP_TABLES = ['check_runs', 'snapshots', 'domains', 'alerts', 'provider_events', 'provider_event_domains', 'check_cycles'];

const rows = [];
const row = (benchmark, metric, value, target = '', note = '') => rows.push({ benchmark, metric, value: String(value), target, note });
const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

/** Peak RSS (VmHWM) of a live process, in bytes. */
function peakRss(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) used so far by the processes of each group, from /proc. */
function cpuByGroup(groups) {
  const ticks = 100; // USER_HZ
  const out = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
  const procs = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.push({ pid: Number(pid), ppid: Number(fields[1]), cmd, cpu: (Number(fields[11]) + Number(fields[12])) / ticks });
    } catch {
      // gone meanwhile
    }
  }
  // A group's processes and their children (Postgres backends are children of the postmaster).
  const owner = new Map();
  for (const p of procs) {
    const group = Object.keys(groups).find((g) => groups[g](p.cmd, p.pid));
    if (group) owner.set(p.pid, group);
  }
  for (const p of procs) {
    const group = owner.get(p.pid) ?? owner.get(p.ppid);
    if (group) out[group] += p.cpu;
  }
  return out;
}

const peaks = new Map();
function notePeak(name, bytes) {
  peaks.set(name, Math.max(peaks.get(name) ?? 0, bytes));
}

/** The built app as a child process; resolves once it listens. */
async function startApp(name, env) {
  const nodeArgs = name.startsWith('worker') && process.env.BENCH_WORKER_NODE_ARGS ? process.env.BENCH_WORKER_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...nodeArgs, MAIN_JS], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise((r) => child.once('exit', r));
  const deadline = Date.now() + 60_000;
  while (!/(Listening on|Worker probes on) (http:\/\/\S+)/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start:\n${out}`);
    await sleep(50);
  }
  const url = /(?:Listening on|Worker probes on) (http:\/\/[^\s/]+)/.exec(out)[1];
  const timer = setInterval(() => notePeak(name, peakRss(child.pid)), 200);
  return {
    name,
    pid: child.pid,
    url,
    output: () => out,
    async stop() {
      clearInterval(timer);
      notePeak(name, peakRss(child.pid));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(t);
    },
  };
}

async function seed(prisma) {
  const org = await prisma.organization.create({ data: { name: 'Default organization', slug: 'default' } });
  const clients = [];
  for (let i = 0; i < 100; i++) clients.push((await prisma.client.create({ data: { organizationId: org.id, name: `Client ${i}` } })).id);
  const fleet = buildFleet(COUNT);
  const names = fleet.domains.map((d) => d.name);
  await prisma.$executeRawUnsafe(
    `INSERT INTO domains (id, organization_id, client_id, name, tags, next_check_at, updated_at)
     SELECT gen_random_uuid(), $1::uuid, ($2::uuid[])[1 + (n.i % 100)], n.name, ARRAY[CASE WHEN n.i % 3 = 0 THEN 'vip' ELSE 'standard' END], now() - interval '1 minute', now()
       FROM unnest($3::text[]) WITH ORDINALITY AS n(name, i)`,
    org.id,
    clients,
    names,
  );
  return { fleet, organizationId: org.id, clients };
}

/** Inserted/updated/deleted tuples and total size of the tables, plus the WAL position. */
async function dbStats(prisma) {
  const tables = await prisma.$queryRawUnsafe(
    `SELECT schemaname || '.' || relname AS name, n_tup_ins::bigint AS ins, n_tup_upd::bigint AS upd, n_tup_hot_upd::bigint AS hot, n_tup_del::bigint AS del,
            pg_total_relation_size(relid)::bigint AS bytes
       FROM pg_stat_user_tables WHERE schemaname IN ('public', 'pgboss')`,
  );
  const [{ lsn }] = await prisma.$queryRawUnsafe(`SELECT pg_current_wal_lsn()::text AS lsn`);
  const byName = new Map(tables.map((t) => [t.name, { ins: Number(t.ins), upd: Number(t.upd), hot: Number(t.hot), del: Number(t.del), bytes: Number(t.bytes) }]));
  return { byName, lsn };
}

function lsnBytes(lsn) {
  const [hi, lo] = lsn.split('/');
  return parseInt(hi, 16) * 2 ** 32 + parseInt(lo, 16);
}

function delta(before, after, filter) {
  const sum = { ins: 0, upd: 0, hot: 0, del: 0, bytes: 0 };
  for (const [name, a] of after.byName) {
    if (!filter(name)) continue;
    const b = before.byName.get(name) ?? { ins: 0, upd: 0, hot: 0, del: 0, bytes: 0 };
    for (const k of Object.keys(sum)) sum[k] += a[k] - b[k];
  }
  return sum;
}

/** Waits for the next tick that enqueues something, then until every domain has its CheckRun for it. */
async function timeCycle(prisma, since) {
  let cycle;
  const deadline = Date.now() + 180_000;
  while (!(cycle = (await prisma.checkCycle.findMany({ where: { startedAt: { gte: since }, enqueued: { gt: 0 } } }))[0])) {
    if (Date.now() > deadline) throw new Error('no tick enqueued within 180 s');
    await sleep(100);
  }
  for (;;) {
    // Through the started_at index (cheap), like the cycle endpoint.
    const done = await prisma.checkRun.count({ where: { startedAt: { gte: new Date(cycle.startedAt.getTime() - 60_000) }, tick: cycle.tick } });
    if (done >= cycle.enqueued) break;
    if (Date.now() > deadline + 600_000) throw new Error(`cycle ${cycle.tick}: ${done}/${cycle.enqueued} after 10 min`);
    await sleep(200);
  }
  const finished = Date.now();
  const enqueued = (await prisma.checkCycle.findUnique({ where: { tick: cycle.tick } })).enqueuedAt;
  const outcomes = await prisma.checkRun.groupBy({ by: ['outcome'], where: { tick: cycle.tick }, _count: true });
  return { tick: cycle.tick, enqueued: cycle.enqueued, seconds: (finished - cycle.startedAt.getTime()) / 1000, enqueueSeconds: (enqueued.getTime() - cycle.startedAt.getTime()) / 1000, outcomes: Object.fromEntries(outcomes.map((o) => [o.outcome, o._count])) };
}

/** Signs in as the demo account; returns the Cookie header for GET requests (GETs need no CSRF token). */
async function signIn(apiUrl) {
  const res = await fetch(`${apiUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'demo@example.com', password: 'demo-password' }) });
  if (!res.ok) throw new Error(`sign-in: HTTP ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

let cookie = '';
async function latency(url, n) {
  const times = [];
  for (let i = 0; i < n + 20; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    if (i >= 20) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)], p95: times[Math.floor(times.length * 0.95)] };
}

async function main() {
  if (!fs.existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: npm run build -w @spfwatch/api`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spfwatch-bench-'));
  fs.chmodSync(tmp, 0o755);
  const cleanups = [];
  try {
    const db = await startDatabase({ dataDir: path.join(tmp, 'pg'), port: 0, database: 'spfwatch_bench', useDatabaseUrl: false });
    cleanups.push(() => db.stop());
    await applyMigrations(db.url, MIGRATIONS_DIR);
    const prisma = createPrismaClient(db.url);
    cleanups.push(() => prisma.$disconnect());
    const { fleet } = await seed(prisma);
    log(`seeded ${COUNT} domains`);
    const dns = await spawnDnsFixture({ zone: fleet.zone });
    cleanups.push(() => dns.stop());

    const common = { DATABASE_URL: db.url, DNS_SERVERS: dns.address, DNS_RESOLVER: 'wire', DNS_TIMEOUT_MS: '3000', CHECK_JITTER_SECONDS: '0', WORKER_CONCURRENCY: CONCURRENCY };
    // Demo mode gives the API a known account to sign in with (never on a real installation).
    const api = await startApp('api', { ...common, SPFWATCH_ROLE: 'api', SCHEDULER_ENABLED: 'false', SPFWATCH_DEMO: 'true' });
    cleanups.push(() => api.stop());
    const startWorkers = () =>
      Promise.all(Array.from({ length: WORKERS }, (_, i) => startApp(`worker-${i + 1}`, { ...common, SPFWATCH_ROLE: 'worker', SCHEDULER_ENABLED: 'true', CHECK_SCHEDULE: '* * * * * *' })));

    const pgDir = path.join(tmp, 'pg');
    const groups = (ws) => ({
      postgres: (cmd) => cmd.includes(pgDir),
      'dns fixture': (cmd) => cmd.includes('dns-fixture'),
      workers: (_cmd, pid) => ws.some((w) => w.pid === pid),
      'this bench': (_cmd, pid) => pid === process.pid,
    });
    const cpuRow = (label, a, b, seconds) =>
      row(label, 'CPU seconds by process group', Object.keys(b).map((g) => `${g} ${(b[g] - a[g]).toFixed(1)}`).join(', '), '', `wall ${seconds.toFixed(1)} s on ${os.cpus().length} cores (machine shared with other jobs: load ${os.loadavg()[0].toFixed(1)})`);

    // Cycle 1: every domain is new → one snapshot each.
    let since = new Date();
    let workers = await startWorkers();
    let cpu0 = cpuByGroup(groups(workers));
    const first = await timeCycle(prisma, since);
    if (process.env.BENCH_HEAP_SNAPSHOT) {
      for (const w of workers) process.kill(w.pid, 'SIGUSR2');
      await sleep(15_000);
    }
    cpuRow('cycle 1: first checks', cpu0, cpuByGroup(groups(workers)), first.seconds);
    await Promise.all(workers.map((w) => w.stop())); // exiting backends flush their table statistics
    log(`cycle 1 (${first.tick}): ${first.enqueued} in ${first.seconds.toFixed(1)} s`, first.outcomes);
    row('cycle 1: first checks', 'domains/s', fmt(first.enqueued / first.seconds), '≥ 1,000', `${first.enqueued} domains in ${first.seconds.toFixed(1)} s (enqueue ${first.enqueueSeconds.toFixed(1)} s), ${WORKERS} worker process(es) × ${CONCURRENCY} fetch loops × 100 jobs; ${JSON.stringify(first.outcomes)}`);

    // Cycle 2: all due again, nothing changed in DNS.
    await prisma.$executeRawUnsafe(`UPDATE domains SET next_check_at = now() - interval '1 minute'`);
    await prisma.$disconnect();
    await sleep(1_500);
    const before = await dbStats(prisma);
    since = new Date();
    workers = await startWorkers();
    cpu0 = cpuByGroup(groups(workers));
    const second = await timeCycle(prisma, since);
    cpuRow('cycle 2: nothing changed', cpu0, cpuByGroup(groups(workers)), second.seconds);
    await Promise.all(workers.map((w) => w.stop()));
    await prisma.$disconnect();
    await sleep(1_500);
    const after = await dbStats(prisma);
    log(`cycle 2 (${second.tick}): ${second.enqueued} in ${second.seconds.toFixed(1)} s`, second.outcomes);
    const n = second.enqueued;
    row('cycle 2: nothing changed', 'domains/s', fmt(n / second.seconds), '≥ 1,000', `${n} domains in ${second.seconds.toFixed(1)} s (enqueue ${second.enqueueSeconds.toFixed(1)} s); ${JSON.stringify(second.outcomes)}`);
    const app = delta(before, after, (t) => t.startsWith('public.'));
    const runs = delta(before, after, (t) => t === 'public.check_runs');
    const boss = delta(before, after, (t) => t.startsWith('pgboss.'));
    row('unchanged check', 'rows inserted / check (app tables)', (app.ins / n).toFixed(2), '≤ 1 small row', `check_runs: ${(runs.ins / n).toFixed(2)}; snapshots: ${(delta(before, after, (t) => t === 'public.snapshots').ins / n).toFixed(2)}`);
    row('unchanged check', 'rows updated / check (app tables)', (app.upd / n).toFixed(2), '', `${((app.hot / Math.max(app.upd, 1)) * 100).toFixed(0)}% HOT (snapshot lastSeenAt, domain lastCheckedAt)`);
    row('unchanged check', 'table+index bytes / check (app tables)', fmt(app.bytes / n), '', `check_runs: ${fmt(runs.bytes / n)} B/row incl. 5 indexes`);
    row('unchanged check', 'pg-boss rows ins/upd/del per check', `${(boss.ins / n).toFixed(2)} / ${(boss.upd / n).toFixed(2)} / ${(boss.del / n).toFixed(2)}`, '', 'the queue itself (job insert, fetch, complete)');
    row('unchanged check', 'WAL bytes / check (everything)', fmt((lsnBytes(after.lsn) - lsnBytes(before.lsn)) / n), '', 'includes pg-boss and index maintenance');

    // Dashboard queries at fleet scale (engineer C's endpoints), as a signed-in user.
    cookie = await signIn(api.url);
    const summary = await latency(`${api.url}/api/fleet/summary`, REQUESTS).catch((e) => ({ error: e.message }));
    if (summary.error) row('GET /api/fleet/summary', 'p95 ms', 'n/a', '< 50 ms', `skipped: ${summary.error}`);
    else row('GET /api/fleet/summary', 'p95 ms', summary.p95.toFixed(1), '< 50 ms', `p50 ${summary.p50.toFixed(1)} ms, ${COUNT} domains, ${REQUESTS} sequential requests`);
    for (const [label, query] of [
      ['status + sort by lookups', 'status=ok&sort=lookupCount&order=desc&pageSize=50'],
      ['service + tag', 'service=google-workspace&tag=vip&pageSize=50'],
      ['search, page 20', 'search=d12&page=20&pageSize=25'],
    ]) {
      const r = await latency(`${api.url}/api/fleet/domains?${query}`, REQUESTS).catch((e) => ({ error: e.message }));
      if (r.error) row('GET /api/fleet/domains', `p95 ms (${label})`, 'n/a', '< 50 ms', `skipped: ${r.error}`);
      else row('GET /api/fleet/domains', `p95 ms (${label})`, r.p95.toFixed(1), '< 50 ms', `p50 ${r.p50.toFixed(1)} ms; ?${query}`);
    }
    const cycle = await latency(`${api.url}/api/checks/cycle`, 50).catch((e) => ({ error: e.message }));
    if (!cycle.error) row('GET /api/checks/cycle', 'p95 ms', cycle.p95.toFixed(1), '', 'cycle progress for the dashboard');

    await api.stop();
    cleanups.splice(cleanups.indexOf(api.stop), 1);
    for (const [name, bytes] of peaks) row('process', `peak RSS ${name}`, `${Math.round(bytes / 2 ** 20)} MB`, '< 300 MB', name.startsWith('worker') ? 'max over both cycles' : 'after the latency runs');
    row('process', 'peak RSS bench (this process)', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`, '', 'seeding and polling; DNS fixture and Postgres not included');
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const cols = ['benchmark', 'metric', 'value', 'target', 'note'];
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => r[c].length))]));
  const line = (r) => `| ${cols.map((c) => r[c].padEnd(width[c])).join(' | ')} |`;
  console.log(`\nspfwatch API benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, ${COUNT} domains\n`);
  console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
  console.log(`|${cols.map((c) => '-'.repeat(width[c] + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
