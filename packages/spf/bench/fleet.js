'use strict';
// Synthetic fleet for benchmarks: provider records from fixtures/providers.yaml (latest version
// of each), plus N customer domains mixing 1–3 provider includes with their own ip4/a/mx terms.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const PROVIDERS_FILE = path.join(__dirname, '..', '..', '..', 'fixtures', 'providers.yaml');

/** Deterministic PRNG so every run benchmarks the same fleet. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function loadProviders() {
  const doc = YAML.parse(fs.readFileSync(PROVIDERS_FILE, 'utf8'));
  const records = {};
  const includes = [];
  for (const service of doc.services) {
    for (const [name, versions] of Object.entries(service.records ?? {})) {
      records[name] = { TXT: [versions[versions.length - 1]] };
    }
    if (service.include && Object.keys(service.records ?? {}).length > 0) includes.push(service.include);
    if (service.include_suffix) includes.push(Object.keys(service.records)[0]);
  }
  return { records, includes };
}

const MX_HOSTS = ['mx1.hosting.test', 'mx2.hosting.test', 'aspmx.l.google.com', 'alt1.aspmx.l.google.com', 'example-com.mail.protection.outlook.com'];

/**
 * @returns {{ zone: object, domains: Array<{ name: string, record: string, pass: string }> }}
 */
function buildFleet(count, seed = 7) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const { records, includes } = loadProviders();
  // Salesforce's macro include and the heaviest providers stay in the mix, like real fleets.
  MX_HOSTS.forEach((host, i) => (records[host] = { A: [`203.0.113.${10 + i}`] }));
  const domains = [];
  for (let i = 0; i < count; i++) {
    const name = `d${i}.fleet.test`;
    const terms = [];
    const entry = {};
    const own = `198.${18 + (i % 2)}.${(i >> 8) & 255}.${i & 255}`;
    terms.push(`ip4:${own}`);
    if (random() < 0.3) {
      terms.push('a');
      entry.A = [`192.0.2.${i % 250}`];
    }
    if (random() < 0.25) {
      terms.push('mx');
      entry.MX = [{ priority: 10, exchange: pick(MX_HOSTS) }, { priority: 20, exchange: pick(MX_HOSTS) }];
    }
    const n = 1 + Math.floor(random() * 3);
    const chosen = new Set();
    while (chosen.size < n) chosen.add(pick(includes));
    for (const inc of chosen) terms.push(`include:${inc}`);
    terms.push(random() < 0.5 ? '~all' : '-all');
    const record = `v=spf1 ${terms.join(' ')}`;
    entry.TXT = [record, `google-site-verification=${i.toString(36)}`];
    records[name] = entry;
    domains.push({ name, record, pass: own });
  }
  return { zone: { ttl: 300, records }, domains };
}

module.exports = { buildFleet, rng };
