'use strict';
// npm run bench -w @spfwatch/spf [-- --domains 10000 --only parse,check,fleet]
// Prints one table. The DNS fixture runs in its own process so DNS work is off the measured one.
const os = require('node:os');
const { performance } = require('node:perf_hooks');
const { spawnDnsFixture } = require('@spfwatch/dns-fixture');
const spf = require('../dist/index.js');
const { buildFleet, rng } = require('./fleet');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const COUNT = Number(arg('domains', '10000'));
const ONLY = new Set(arg('only', 'parse,check,fleet,memory').split(','));
const CONCURRENCY = Number(arg('concurrency', '256'));
const WARMUP = arg('warmup', '1') !== '0';

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function pool(items, limit, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

const rows = [];
const row = (benchmark, metric, value, target = '', note = '') => rows.push({ benchmark, metric, value, target, note });
const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

async function benchParse(domains, zone) {
  const corpus = domains.map((d) => d.record);
  for (const entry of Object.values(zone.records)) for (const t of entry.TXT ?? []) if (/^v=spf1/.test(t)) corpus.push(t);
  const records = corpus.slice(0, 10000);
  for (const r of records) spf.parseRecord(r); // warm-up
  let parsed = 0;
  const started = performance.now();
  while (performance.now() - started < 1500) {
    for (const r of records) spf.parseRecord(r);
    parsed += records.length;
  }
  const seconds = (performance.now() - started) / 1000;
  row('parse', 'records/s', fmt(parsed / seconds), '', `${records.length} real-shaped records, uncached parser`);
}

async function benchCheckHost(domains, fixture) {
  const random = rng(99);
  const pairs = domains.slice(0, 10000).map((d) => ({ ip: random() < 0.5 ? d.pass : `203.0.113.${Math.floor(random() * 250)}`, sender: `alice@${d.name}` }));
  const stack = spf.createResolverStack({ servers: [fixture.address], timeoutMs: 3000, tries: 3, implementation: arg('resolver', 'wire'), transport: arg('transport', 'tcp') });
  const before = await fixture.stats();
  const results = {};
  const started = performance.now();
  await pool(pairs, CONCURRENCY, async (p) => {
    const r = await spf.checkHost({ ip: p.ip, sender: p.sender, helo: 'mail.sender.test', resolver: stack.resolver });
    results[r.result] = (results[r.result] ?? 0) + 1;
  });
  const seconds = (performance.now() - started) / 1000;
  const after = await fixture.stats();
  const s = stack.stats();
  row('check_host', 'checks/s', fmt(pairs.length / seconds), '≥ 5,000', `${pairs.length} (domain, ip) pairs, cold cache, ${CONCURRENCY} in flight, wire resolver over ${arg('transport', 'tcp')}`);
  row('check_host', 'results', Object.entries(results).map(([k, v]) => `${k} ${v}`).join(', '));
  row('check_host', 'DNS queries sent / received by server', `${s.queriesSent} / ${after.queries - before.queries}`, '', `cache hits ${s.cacheHits}, merged in-flight ${s.inflightMerged}`);
  stack.close();
}

/** The same fleet answered from memory: what the engine itself costs, DNS transport excluded. */
async function benchFleetInMemory(domains, zone) {
  const runCache = spf.createAnalysisRunCache();
  const stack = spf.createResolverStack({ inner: spf.createZoneFakeResolver(zone.records) });
  const started = performance.now();
  await pool(domains, CONCURRENCY, async (d) => {
    await spf.analyze(d.name, { resolver: stack.resolver, runCache });
  });
  const seconds = (performance.now() - started) / 1000;
  row('fleet analysis', 'domains/s, in-memory DNS', fmt(domains.length / seconds), '', 'engine only: same fleet, answers from memory (no sockets)');
  const pairs = domains.map((d, i) => ({ ip: i % 2 ? d.pass : '203.0.113.9', sender: `alice@${d.name}` }));
  const t2 = performance.now();
  await pool(pairs, CONCURRENCY, async (p) => {
    await spf.checkHost({ ip: p.ip, sender: p.sender, helo: 'mail.sender.test', resolver: stack.resolver });
  });
  row('check_host', 'checks/s, in-memory DNS', fmt(pairs.length / ((performance.now() - t2) / 1000)), '', 'engine only (warm cache)');
}

/** One fleet run through the loopback fixture, with a DNS stack and run cache of its own (cold caches). */
async function fleetRun(domains, fixture) {
  const runCache = spf.createAnalysisRunCache();
  const stack = spf.createResolverStack({ servers: [fixture.address], timeoutMs: 3000, tries: 3, implementation: arg('resolver', 'wire'), transport: arg('transport', 'tcp') });
  const before = await fixture.stats();
  const status = {};
  const started = performance.now();
  await pool(domains, CONCURRENCY, async (d) => {
    const a = await spf.analyze(d.name, { resolver: stack.resolver, runCache });
    status[a.status] = (status[a.status] ?? 0) + 1;
  });
  const seconds = (performance.now() - started) / 1000;
  const after = await fixture.stats();
  stack.close();
  return { seconds, status, stats: stack.stats(), received: after.queries - before.queries };
}

/**
 * The first fleet run of a process analyses most domains before V8 has compiled the analyser
 * (check_host above does not exercise it), at about half the steady pace. A monitor's worker
 * analyses its fleet every cycle, so the target is on the steady state: this run is reported on
 * its own and the measured one follows, each with cold DNS and run caches of its own.
 */
async function benchFleetFirstRun(domains, fixture) {
  const { seconds } = await fleetRun(domains, fixture);
  row('fleet analysis', 'domains/s, first run in the process', fmt(domains.length / seconds), '', 'JIT cold (warm-up: not the target; --warmup 0 measures the next row cold instead)');
}

async function benchFleet(domains, fixture) {
  const { seconds, status, stats: s, received } = await fleetRun(domains, fixture);
  row('fleet analysis', 'domains/s', fmt(domains.length / seconds), '≥ 20,000', `${domains.length} domains, cold cache, ${CONCURRENCY} in flight, wire resolver over ${arg('transport', 'tcp')}${WARMUP ? ', JIT warm' : ''}`);
  row('fleet analysis', 'statuses', Object.entries(status).map(([k, v]) => `${k} ${v}`).join(', '));
  row('fleet analysis', 'DNS queries sent vs distinct (name,type)', `${s.queriesSent} vs ${s.distinctQueries}`, 'equal', s.queriesSent === s.distinctQueries ? 'each shared include fetched once' : 'MISMATCH');
  row('fleet analysis', 'cache hits', fmt(s.cacheHits), '', `merged in-flight ${s.inflightMerged}`);
  row('fleet analysis', 'DNS server load', `${fmt(received / seconds)} queries/s`, '', 'what the loopback fixture answered during the run');
}

async function main() {
  const fleet = buildFleet(COUNT);
  const { domains } = fleet;
  let { zone } = fleet;
  fleet.zone = undefined;
  const fixture = await spawnDnsFixture({ zone, port: 0 });
  try {
    if (ONLY.has('parse')) await benchParse(domains, zone);
    // The fixture child has its own copy of the zone, and the fleet is seeded: the in-memory run
    // builds the same zone again, so the runs before it do not carry this one in their heap.
    zone = undefined;
    if (ONLY.has('check')) await benchCheckHost(domains, fixture);
    if (ONLY.has('fleet') && WARMUP) await benchFleetFirstRun(domains, fixture);
    if (ONLY.has('fleet')) await benchFleet(domains, fixture);
    if (ONLY.has('memory')) await benchFleetInMemory(domains, buildFleet(COUNT).zone);
  } finally {
    await fixture.stop();
  }
  clearInterval(rssTimer);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  row('process', 'peak RSS', `${Math.round(peakRss / 1048576)} MB`, '< 300 MB', 'benchmark process (DNS fixture excluded)');
  const cpus = os.cpus();
  console.log(`\nspfwatch engine benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}\n`);
  const widths = ['benchmark', 'metric', 'value', 'target', 'note'].map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(['benchmark', 'metric', 'value', 'target', 'note']));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line([r.benchmark, r.metric, r.value, r.target, r.note]));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
