#!/usr/bin/env node
'use strict';
// Queries per second through loopback UDP. The fixture runs in its own process
// (spawnDnsFixture); this process only sends queries with dns-packet and counts answers.
//
//   node bench/qps.js [--queries 200000] [--concurrency 256] [--sockets 4]
//
// Needs the build (npm run build -w @spfwatch/dns-fixture).

const dgram = require('node:dgram');
const { parseArgs } = require('node:util');
const dnsPacket = require('dns-packet');
const { spawnDnsFixture } = require('../dist');

const { values } = parseArgs({
  options: {
    queries: { type: 'string', default: '200000' },
    concurrency: { type: 'string', default: '256' },
    sockets: { type: 'string', default: '4' },
  },
});
const total = Number(values.queries);
const concurrency = Number(values.concurrency);
const socketCount = Number(values.sockets);
if (![total, concurrency, socketCount].every((n) => Number.isInteger(n) && n > 0) || concurrency > 65536) {
  console.error('usage: node bench/qps.js [--queries N] [--concurrency C<=65536] [--sockets S]');
  process.exit(2);
}

const ZONE = {
  ttl: 300,
  records: {
    'example.com': { TXT: ['v=spf1 include:_spf.example.com ~all'], A: '192.0.2.1', MX: '10 mx.example.com' },
    '_spf.example.com': { TXT: 'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all' },
    'alias.example.com': { CNAME: 'example.com' },
  },
};
// A mix like an SPF evaluation's: TXT, A, MX, a CNAME chain and a miss (NXDOMAIN).
const QUESTIONS = [
  ['example.com', 'TXT'],
  ['_spf.example.com', 'TXT'],
  ['example.com', 'A'],
  ['example.com', 'MX'],
  ['alias.example.com', 'TXT'],
  ['missing.example.com', 'TXT'],
];

const RESEND_AFTER_MS = 1000;

async function main() {
  const fixture = await spawnDnsFixture({ zone: ZONE });
  try {
    await run(fixture.port, Math.min(20000, total)); // warm-up: JIT on both sides
    const started = process.hrtime.bigint();
    const { answered, resent } = await run(fixture.port, total);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const stats = await fixture.stats();
    const qps = Math.round(answered / seconds);
    console.log(
      `dns-fixture: ${qps} queries/s over UDP loopback (${answered} queries in ${seconds.toFixed(2)} s, ` +
        `${concurrency} in flight over ${socketCount} sockets, ${resent} resent; server saw ${stats.udp} UDP queries)`,
    );
  } finally {
    await fixture.stop();
  }
}

/** Sends `count` queries keeping `concurrency` in flight; each slot owns one query id. */
function run(port, count) {
  return new Promise((resolve, reject) => {
    const sockets = Array.from({ length: socketCount }, () => dgram.createSocket('udp4'));
    const slots = Array.from({ length: concurrency }, (_, id) => {
      const [name, type] = QUESTIONS[id % QUESTIONS.length];
      const message = dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ name, type }] });
      return { message, socket: sockets[id % socketCount], sentAt: 0, busy: false };
    });
    let sent = 0;
    let answered = 0;
    let resent = 0;

    const send = (slot) => {
      slot.busy = true;
      slot.sentAt = Date.now();
      slot.socket.send(slot.message, port, '127.0.0.1');
    };
    const onMessage = (answer) => {
      if (answer.length < 12) return;
      const slot = slots[answer.readUInt16BE(0)];
      if (slot === undefined || !slot.busy) return; // a late answer to a resent query
      slot.busy = false;
      answered += 1;
      if (answered === count) return finish();
      if (sent < count) {
        sent += 1;
        send(slot);
      }
    };
    // UDP may drop under load: resend what has waited too long so the run always ends.
    const watchdog = setInterval(() => {
      const now = Date.now();
      for (const slot of slots) {
        if (slot.busy && now - slot.sentAt > RESEND_AFTER_MS) {
          resent += 1;
          send(slot);
        }
      }
    }, 100);
    const finish = () => {
      clearInterval(watchdog);
      for (const socket of sockets) socket.close();
      resolve({ answered, resent });
    };

    for (const socket of sockets) {
      socket.on('message', onMessage);
      socket.on('error', reject);
    }
    for (const slot of slots) {
      if (sent >= count) break;
      sent += 1;
      send(slot);
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
