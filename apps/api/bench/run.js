'use strict';
// npm run bench -w @spfwatch/api [-- --domains 10000 --workers 2 --concurrency 8 --requests 300]
//   (-- --scale 1,2,4: the scale-out benchmark, scale-out.js)
//
// The monitoring service at fleet scale, as in production: embedded Postgres, the DNS fixture
// in its own process, and the built app (dist/main.js) as separate processes — one API
// (SPFWATCH_ROLE=api) and N workers (SPFWATCH_ROLE=worker, each with the cron on: one wins
// each tick). Two full cycles cron → queue → workers → DB: the first makes every snapshot,
// the second finds nothing changed. Prints one table. Shared parts live in harness.js (also
// used by scale-out.js).
//
// Diagnostics: BENCH_LOG_DIR=/tmp/logs writes each process's output to <name>.log;
// BENCH_WORKER_NODE_ARGS adds node flags to the workers (`--trace-gc`, or
// `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=/tmp/snaps` with BENCH_HEAP_SNAPSHOT=1 for a
// heap snapshot of each worker right after cycle 1).
const os = require('node:os');
const { performance } = require('node:perf_hooks');
const { arg, cpuByGroup, cpuDelta, fmt, loadNote, log, makeAllDue, peaks, printTable, processGroups, sleep, startApp, startStack, startWorkers, timeCycle } = require('./harness');

const COUNT = Number(arg('domains', '10000'));
const WORKERS = Number(arg('workers', '2'));
const CONCURRENCY = arg('concurrency', '2');
const REQUESTS = Number(arg('requests', '300'));

const rows = [];
const row = (benchmark, metric, value, target = '', note = '') => rows.push({ benchmark, metric, value: String(value), target, note });

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
  const stack = await startStack({ count: COUNT, concurrency: CONCURRENCY });
  try {
    const { prisma } = stack;
    // Demo mode gives the API a known account to sign in with (never on a real installation).
    const api = await startApp('api', { ...stack.env, SPFWATCH_ROLE: 'api', SCHEDULER_ENABLED: 'false', SPFWATCH_DEMO: 'true' });
    let apiStopped = false;
    stack.onClose(() => !apiStopped && api.stop());
    const cpuRow = (label, a, b, seconds) => row(label, 'CPU seconds by process group', cpuDelta(a, b), '', `wall ${seconds.toFixed(1)} s on ${os.cpus().length} cores (${loadNote()})`);

    // Cycle 1: every domain is new → one snapshot each.
    let since = new Date();
    let workers = await startWorkers(stack, WORKERS);
    let cpu0;
    const first = await timeCycle(prisma, since, () => (cpu0 = cpuByGroup(processGroups(stack, workers))));
    if (process.env.BENCH_HEAP_SNAPSHOT) {
      // Workers started with BENCH_WORKER_NODE_ARGS=--heapsnapshot-signal=SIGUSR2 write one.
      for (const w of workers) process.kill(w.pid, 'SIGUSR2');
      await sleep(15_000);
    }
    cpuRow('cycle 1: first checks', cpu0, cpuByGroup(processGroups(stack, workers)), first.seconds);
    await Promise.all(workers.map((w) => w.stop())); // exiting backends flush their table statistics
    log(`cycle 1 (${first.tick}): ${first.enqueued} in ${first.seconds.toFixed(1)} s`, first.outcomes);
    row('cycle 1: first checks', 'domains/s', fmt(first.enqueued / first.seconds), '≥ 1,000', `${first.enqueued} domains in ${first.seconds.toFixed(1)} s (enqueue ${first.enqueueSeconds.toFixed(1)} s, first check at ${first.firstCheckSeconds.toFixed(1)} s), ${WORKERS} worker process(es) × ${CONCURRENCY} fetch loops × 100 jobs; ${JSON.stringify(first.outcomes)}`);

    // Cycle 2: all due again, nothing changed in DNS.
    await makeAllDue(prisma);
    await prisma.$disconnect();
    await sleep(1_500);
    const before = await dbStats(prisma);
    since = new Date();
    workers = await startWorkers(stack, WORKERS);
    const second = await timeCycle(prisma, since, () => (cpu0 = cpuByGroup(processGroups(stack, workers))));
    cpuRow('cycle 2: nothing changed', cpu0, cpuByGroup(processGroups(stack, workers)), second.seconds);
    await Promise.all(workers.map((w) => w.stop()));
    await prisma.$disconnect();
    await sleep(1_500);
    const after = await dbStats(prisma);
    log(`cycle 2 (${second.tick}): ${second.enqueued} in ${second.seconds.toFixed(1)} s`, second.outcomes);
    const n = second.enqueued;
    row('cycle 2: nothing changed', 'domains/s', fmt(n / second.seconds), '≥ 1,000', `${n} domains in ${second.seconds.toFixed(1)} s (enqueue ${second.enqueueSeconds.toFixed(1)} s, first check at ${second.firstCheckSeconds.toFixed(1)} s); ${JSON.stringify(second.outcomes)}`);
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
    apiStopped = true;
    for (const [name, bytes] of peaks) row('process', `peak RSS ${name}`, `${Math.round(bytes / 2 ** 20)} MB`, '< 300 MB', name.startsWith('worker') ? 'max over both cycles' : 'after the latency runs');
    row('process', 'peak RSS bench (this process)', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`, '', 'seeding and polling; DNS fixture and Postgres not included');
  } finally {
    await stack.close();
  }
  printTable(`spfwatch API benchmark, ${COUNT} domains`, ['benchmark', 'metric', 'value', 'target', 'note'], rows);
}

if (process.argv.includes('--scale')) {
  // `npm run bench -- --scale 1,2,4`: the scale-out benchmark instead (scale-out.js).
  require('./scale-out');
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
