import type { Zone, ZoneName } from '@spfwatch/dns-fixture';
import { DEMO_DOMAINS, DEMO_SUPPORT_RECORDS, type DemoDomain, type RecordVersion } from './demo-fleet';
import { loadProviderVersions, providerVersionOn } from './providers';

/** The version of a domain's records published on `day` (the latest that started by then). */
export function versionOn(domain: Pick<DemoDomain, 'versions'>, day: number): RecordVersion {
  let current = domain.versions[0]!;
  for (const version of domain.versions) if (version.day <= day) current = version;
  return current;
}

/** Days on which anything in the fleet's DNS changes (a domain's owner or a provider). */
export function changeDays(domains: readonly DemoDomain[] = DEMO_DOMAINS): number[] {
  const days = new Set<number>();
  for (const d of domains) {
    for (const v of d.versions) if (v.day > 0) days.add(v.day);
    for (const t of d.txtTimeoutDays ?? []) days.add(t);
  }
  return [...days].sort((a, b) => a - b);
}

/**
 * The whole DNS of the demo as it was on `day`: providers' records at their version of that day,
 * the support names, and every domain's records (a TXT timeout on its timeout days).
 */
export function zoneOnDay(day: number, providers: ReadonlyMap<string, readonly string[]> = loadProviderVersions(), domains: readonly DemoDomain[] = DEMO_DOMAINS): Zone {
  const records: Record<string, ZoneName> = {};
  for (const [name, versions] of providers) records[name] = { TXT: [providerVersionOn(name, versions, day)] };
  for (const [name, entry] of Object.entries(DEMO_SUPPORT_RECORDS)) records[name] = { ...entry };
  for (const domain of domains) {
    const version = versionOn(domain, day);
    const timeout = domain.txtTimeoutDays?.includes(day) ?? false;
    records[domain.name] = {
      ...(version.txt.length > 0 ? { TXT: version.txt } : {}),
      ...(domain.a ? { A: domain.a } : {}),
      ...(domain.mx ? { MX: domain.mx } : {}),
      ...(timeout ? { behaviour: { TXT: 'timeout' } } : {}),
    };
  }
  return { ttl: 3600, negativeTtl: 300, records };
}
