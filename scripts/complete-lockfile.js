#!/usr/bin/env node
'use strict';
/**
 * The npm registry reachable here serves only Linux builds of platform-specific packages
 * (@swc/core-darwin-arm64, @turbo/windows-64 …), so `npm install` cannot record them and
 * `npm ci` then refuses the lock file as "out of sync". This adds a lock entry for each missing
 * optional platform package, with the os/cpu npm uses to skip it — so `npm ci` installs exactly
 * the Linux packages that are recorded and skips the rest. Run after `npm install <pkg>`.
 */
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', ppc64: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64', mips64el: 'mips64el', '64': 'x64' };

function platformOf(name) {
  const base = name.split('/').pop();
  const os = OS.find((o) => base.includes(o) || (o === 'win32' && base.includes('windows')));
  const parts = base.split('-');
  const cpuKey = parts.find((p) => p in CPU) ?? (base.endsWith('eabihf') || base.includes('-arm-') ? 'arm' : undefined);
  const out = {};
  if (os) out.os = [os];
  if (cpuKey) out.cpu = [CPU[cpuKey]];
  if (base.includes('musl')) out.libc = ['musl'];
  else if (os === 'linux' && base.includes('gnu')) out.libc = ['glibc'];
  return out;
}

let added = 0;
for (const [location, meta] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const parentDir = location === '' ? '' : `${location}/`;
    const candidates = [`${parentDir}node_modules/${dep}`, `node_modules/${dep}`];
    if (candidates.some((c) => packages[c])) continue;
    const platform = platformOf(dep);
    if (!platform.os && !platform.cpu) continue; // not a platform package: leave it to npm
    packages[`node_modules/${dep}`] = { version, ...(meta.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
