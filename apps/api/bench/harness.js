'use strict';
// What the API benchmarks share (run.js: two cycles, rows, latency, memory; scale-out.js: the
// same cycle with 1, 2, 4 … workers): embedded Postgres seeded with a synthetic fleet, the DNS
// fixture in its own process, the built app spawned per role exactly as in production
// (`node dist/main.js`), cycles timed from the check_cycles row to the last CheckRun, CPU
// seconds per process group and peak RSS per process from /proc, and the table printer.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { applyMigrations, createPrismaClient, MIGRATIONS_DIR, startDatabase } = require('@spfwatch/db');
const { spawnDnsFixture } = require('@spfwatch/dns-fixture');
const { buildFleet } = require('../../../packages/spf/bench/fleet.js');

const MAIN_JS = path.join(__dirname, '..', 'dist', 'main.js');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

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

/**
 * A reading of the CPU seconds (user + system) of each group's processes, from /proc: the
 * processes a group matches, their children (Postgres backends are the postmaster's), and the
 * children those matched processes already waited for (cutime + cstime: a backend whose
 * connection closed). Subtract two readings with cpuSpent.
 */
function cpuByGroup(groups) {
  const ticks = 100; // USER_HZ
  const procs = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.push({ pid: Number(pid), ppid: Number(fields[1]), cmd, cpu: (Number(fields[11]) + Number(fields[12])) / ticks, reaped: (Number(fields[13]) + Number(fields[14])) / ticks });
    } catch {
      // gone meanwhile
    }
  }
  const owner = new Map();
  for (const p of procs) {
    const group = Object.keys(groups).find((g) => groups[g](p.cmd, p.pid, p.ppid));
    if (group) owner.set(p.pid, group);
  }
  const live = new Map(); // pid → { group, cpu, ppid }
  const reaped = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
  for (const p of procs) {
    const group = owner.get(p.pid) ?? owner.get(p.ppid);
    if (group) live.set(p.pid, { group, cpu: p.cpu, ppid: p.ppid });
    // Not this process's: its exited children belong to the other groups.
    if (owner.has(p.pid) && p.pid !== process.pid) reaped[owner.get(p.pid)] += p.reaped;
  }
  return { groups: Object.keys(groups), live, reaped, roots: new Set([...owner.keys()].filter((pid) => pid !== process.pid)) };
}

/**
 * CPU seconds per group between two readings: what live processes added, plus what exited
 * children cost in all (their parent's cutime grew by that) minus the part the first reading
 * had already counted.
 */
function cpuSpent(a, b) {
  const out = Object.fromEntries(b.groups.map((g) => [g, b.reaped[g] - (a.reaped[g] ?? 0)]));
  for (const [pid, p] of b.live) out[p.group] += p.cpu - (a.live.get(pid)?.cpu ?? 0);
  for (const [pid, p] of a.live) if (!b.live.has(pid) && a.roots.has(p.ppid)) out[p.group] -= p.cpu;
  return out;
}

/** "postgres 6.6, dns fixture 0.5, …" */
function cpuDelta(a, b) {
  const spent = cpuSpent(a, b);
  return Object.keys(spent).map((g) => `${g} ${spent[g].toFixed(1)}`).join(', ');
}

/** Peak RSS per process name, sampled every 200 ms while it runs. */
const peaks = new Map();
function notePeak(name, bytes) {
  peaks.set(name, Math.max(peaks.get(name) ?? 0, bytes));
}

/**
 * What the production image sets for every process (Dockerfile ENV): glibc's malloc arenas
 * capped at 2. BENCH_MALLOC_ARENA_MAX overrides it for a comparison ('' = glibc's default,
 * 8 per core).
 */
const ARENAS = process.env.BENCH_MALLOC_ARENA_MAX ?? '2';
const PRODUCTION_ENV = ARENAS === '' ? {} : { MALLOC_ARENA_MAX: ARENAS };

/**
 * The built app as a child process, spawned like production (`node dist/main.js`: main applies
 * its own runtime flags); resolves once it listens. BENCH_WORKER_NODE_ARGS adds node flags to
 * the workers (e.g. `--trace-gc`, `--heapsnapshot-signal=SIGUSR2`); with BENCH_LOG_DIR set,
 * each process's output also goes to `<dir>/<name>.log`.
 */
async function startApp(name, env) {
  if (!fs.existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: npm run build -w @spfwatch/api`);
  const nodeArgs = name.startsWith('worker') && process.env.BENCH_WORKER_NODE_ARGS ? process.env.BENCH_WORKER_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...nodeArgs, MAIN_JS], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', PORT: '0', LOG_LEVEL: 'info', ...PRODUCTION_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Only the start-up lines are kept here (to find the URL); the rest goes to the log file, if any.
  let out = '';
  let listening = false;
  const file = process.env.BENCH_LOG_DIR ? fs.createWriteStream(path.join(process.env.BENCH_LOG_DIR, `${name}.log`), { flags: 'a' }) : null;
  const onData = (c) => {
    if (!listening) out += c;
    file?.write(c);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((r) => child.once('exit', r));
  const deadline = Date.now() + 60_000;
  while (!/(Listening on|Worker probes on) (http:\/\/\S+)/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start:\n${out}`);
    await sleep(50);
  }
  listening = true;
  const url = /(?:Listening on|Worker probes on) (http:\/\/[^\s/]+)/.exec(out)[1];
  const timer = setInterval(() => notePeak(name, peakRss(child.pid)), 200);
  return {
    name,
    pid: child.pid,
    url,
    async stop() {
      clearInterval(timer);
      notePeak(name, peakRss(child.pid));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(t);
      file?.end();
    },
  };
}

/** An organization with 100 clients and `count` due domains (a third tagged vip). */
async function seed(prisma, count) {
  const org = await prisma.organization.create({ data: { name: 'Default organization', slug: 'default' } });
  const clients = [];
  for (let i = 0; i < 100; i++) clients.push((await prisma.client.create({ data: { organizationId: org.id, name: `Client ${i}` } })).id);
  const fleet = buildFleet(count);
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

/**
 * Embedded Postgres (migrated, seeded with `count` domains), the DNS fixture serving the fleet's
 * zone, and what every app process needs in its environment. `close()` stops them all.
 */
async function startStack({ count, concurrency }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spfwatch-bench-'));
  fs.chmodSync(tmp, 0o755);
  const cleanups = [() => fs.rmSync(tmp, { recursive: true, force: true })];
  const close = async () => {
    for (const c of cleanups.splice(0).reverse()) await Promise.resolve().then(c).catch(() => {});
  };
  try {
    const pgDir = path.join(tmp, 'pg');
    const db = await startDatabase({ dataDir: pgDir, port: 0, database: 'spfwatch_bench', useDatabaseUrl: false });
    cleanups.push(() => db.stop());
    await applyMigrations(db.url, MIGRATIONS_DIR);
    const prisma = createPrismaClient(db.url);
    cleanups.push(() => prisma.$disconnect());
    const { fleet } = await seed(prisma, count);
    log(`seeded ${count} domains`);
    const dns = await spawnDnsFixture({ zone: fleet.zone });
    cleanups.push(() => dns.stop());
    const env = { DATABASE_URL: db.url, DNS_SERVERS: dns.address, DNS_RESOLVER: 'wire', DNS_TIMEOUT_MS: '3000', CHECK_JITTER_SECONDS: '0', WORKER_CONCURRENCY: String(concurrency) };
    // Queries the fixture answered so far (every worker's resolver asks it directly, no cache between).
    const dnsQueries = async () => (await dns.stats()).queries;
    return { prisma, pgDir, env, dnsQueries, close, onClose: (fn) => cleanups.push(fn) };
  } catch (error) {
    await close();
    throw error;
  }
}

/** N worker processes, each with the cron on (one wins each tick), as in production. */
function startWorkers(stack, n) {
  return Promise.all(Array.from({ length: n }, (_, i) => startApp(`worker-${i + 1}`, { ...stack.env, SPFWATCH_ROLE: 'worker', SCHEDULER_ENABLED: 'true', CHECK_SCHEDULE: '* * * * * *' })));
}

/**
 * Process groups for cpuByGroup: Postgres (postmaster and backends), the DNS fixture (our child:
 * other jobs on the machine may run theirs), the workers, this process.
 */
function processGroups(stack, workers) {
  return {
    postgres: (cmd) => cmd.includes(stack.pgDir),
    'dns fixture': (cmd, _pid, ppid) => ppid === process.pid && cmd.includes('dns-fixture'),
    workers: (_cmd, pid) => workers.some((w) => w.pid === pid),
    'this bench': (_cmd, pid) => pid === process.pid,
  };
}

/** Every domain due again (a new cycle will enqueue them all). */
async function makeAllDue(prisma) {
  await prisma.$executeRawUnsafe(`UPDATE domains SET next_check_at = now() - interval '1 minute'`);
}

/**
 * Waits for the next tick that enqueues something, then until every domain has its CheckRun for
 * it. `onStart` runs as soon as the tick's first jobs exist (within 50 ms; pg-boss commits them
 * on its own connection while the tick's transaction, and so its cycle row, is still open):
 * read CPU counters there, not before the wait for the tick (up to a minute of idle workers and
 * autovacuum), nor when the cycle row appears (after the checks have begun).
 */
async function timeCycle(prisma, since, onStart = () => {}) {
  let cycle;
  let started = false;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (!started) {
      const [job] = await prisma.$queryRawUnsafe(`SELECT 1 AS one FROM pgboss.job WHERE name = 'check-domain' AND created_on >= $1::timestamptz LIMIT 1`, since.toISOString());
      if (job) {
        started = true;
        onStart();
      }
    }
    // A tick that found nothing due (enqueued 0) is not the cycle.
    if ((cycle = (await prisma.checkCycle.findMany({ where: { startedAt: { gte: since }, enqueued: { gt: 0 } } }))[0])) break;
    if (Date.now() > deadline) throw new Error('no tick enqueued within 180 s');
    await sleep(50);
  }
  if (!started) onStart(); // the jobs and the cycle row between two polls
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
  // When the first check of the tick started: how long the workers waited for the enqueue.
  const first = await prisma.checkRun.aggregate({ _min: { startedAt: true }, where: { startedAt: { gte: new Date(cycle.startedAt.getTime() - 60_000) }, tick: cycle.tick } });
  return {
    tick: cycle.tick,
    enqueued: cycle.enqueued,
    seconds: (finished - cycle.startedAt.getTime()) / 1000,
    enqueueSeconds: (enqueued.getTime() - cycle.startedAt.getTime()) / 1000,
    firstCheckSeconds: (first._min.startedAt.getTime() - cycle.startedAt.getTime()) / 1000,
    outcomes: Object.fromEntries(outcomes.map((o) => [o.outcome, o._count])),
  };
}

/** "machine shared with other jobs: load 7.5" */
const loadNote = () => `machine shared with other jobs: load ${os.loadavg()[0].toFixed(1)}`;

/** Prints rows ({ col: string }) as a Markdown table under a title naming the machine. */
function printTable(title, cols, rows) {
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => r[c].length))]));
  const line = (r) => `| ${cols.map((c) => r[c].padEnd(width[c])).join(' | ')} |`;
  console.log(`\n${title} — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}\n`);
  console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
  console.log(`|${cols.map((c) => '-'.repeat(width[c] + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

module.exports = { arg, fmt, sleep, log, peaks, peakRss, cpuByGroup, cpuSpent, cpuDelta, startApp, startStack, startWorkers, processGroups, makeAllDue, timeCycle, loadNote, printTable };
