import type { AnalysisNode, DetectedService } from '../types/analysis';
import { SERVICES } from './services';
import type { CatalogueService } from './services';

interface SuffixRule {
  service: CatalogueService;
  /** True for ".x.y" rules: only strict subdomains of x.y match. */
  subdomainsOnly: boolean;
}

interface Indexes {
  exact: Map<string, CatalogueService>;
  /** Include suffixes, keyed without the leading dot (always subdomains only). */
  includeSuffix: Map<string, CatalogueService>;
  mx: Map<string, SuffixRule>;
  byId: Map<string, CatalogueService>;
  byName: Map<string, CatalogueService>;
}

let indexes: Indexes | undefined;

/** Built on first use: the analyser calls detection for every include of every domain. */
function getIndexes(): Indexes {
  if (indexes) return indexes;
  const built: Indexes = { exact: new Map(), includeSuffix: new Map(), mx: new Map(), byId: new Map(), byName: new Map() };
  for (const service of SERVICES) {
    built.byId.set(service.id, service);
    built.byName.set(service.name.toLowerCase(), service);
    for (const include of service.includes) built.exact.set(include, service);
    for (const suffix of service.suffixes ?? []) built.includeSuffix.set(suffix.replace(/^\./, ''), service);
    for (const pattern of service.mxPatterns ?? []) {
      built.mx.set(pattern.replace(/^\./, ''), { service, subdomainsOnly: pattern.startsWith('.') });
    }
  }
  indexes = built;
  return built;
}

function normalizeName(name: string): string {
  let n = name.trim().toLowerCase();
  while (n.endsWith('.')) n = n.slice(0, -1);
  return n;
}

/**
 * Looks the name and each parent name up in `map`, longest first (one map lookup per label),
 * so the most specific rule wins. `accept` is told whether the hit is the name itself.
 */
function lookupBySuffix<T>(name: string, map: Map<string, T>, accept: (value: T, isSelf: boolean) => boolean): T | undefined {
  let dot = -1;
  let candidate = name;
  for (;;) {
    const hit = map.get(candidate);
    if (hit !== undefined && accept(hit, dot === -1)) return hit;
    dot = name.indexOf('.', dot + 1);
    if (dot < 0) return undefined;
    candidate = name.slice(dot + 1);
  }
}

/**
 * The catalogued service an include target belongs to: exact include names first, then
 * per-customer suffixes ("7593890.spf10.hubspotemail.net" → HubSpot). Case and a trailing dot
 * are ignored.
 */
export function detectService(includeDomain: string): CatalogueService | undefined {
  const name = normalizeName(includeDomain);
  if (name === '') return undefined;
  const idx = getIndexes();
  return idx.exact.get(name) ?? lookupBySuffix(name, idx.includeSuffix, (_s, isSelf) => !isSelf);
}

/**
 * The hosted provider whose inbound MX host this is (aspmx.l.google.com → Google Workspace),
 * used to spot an `mx` term that authorises a provider's inbound servers only.
 */
export function hostedProviderForMx(host: string): CatalogueService | undefined {
  const name = normalizeName(host);
  if (name === '') return undefined;
  return lookupBySuffix(name, getIndexes().mx, (rule, isSelf) => !(isSelf && rule.subdomainsOnly))?.service;
}

/**
 * Services named by the include/redirect targets of a tree, one entry per service, with the first
 * path met in record order. `path` runs from the root to the record holding the include term.
 * The subtree below a recognised service belongs to that service: a provider's own includes
 * (Customer.io's SendGrid, Google's _netblocks) are not reported as services of the domain.
 */
export function detectServicesInTree(tree: AnalysisNode): DetectedService[] {
  const found: DetectedService[] = [];
  const seen = new Set<string>();
  const visit = (node: AnalysisNode, path: string[]): void => {
    for (let i = 0; i < node.children.length; i++) {
      const child = node.children[i]!;
      if (child.via !== 'include' && child.via !== 'redirect') continue;
      const service = detectService(child.domain);
      if (service) {
        if (!seen.has(service.id)) {
          seen.add(service.id);
          found.push({ id: service.id, name: service.name, include: normalizeName(child.domain), path: [...path], ...(service.illustrative ? { illustrative: true } : {}) });
        }
        continue;
      }
      visit(child, [...path, child.domain]);
    }
  };
  visit(tree, [tree.domain]);
  return found;
}

/** A service by id, or by name (case-insensitive). */
export function findService(idOrName: string): CatalogueService | undefined {
  const key = idOrName.trim().toLowerCase();
  const idx = getIndexes();
  return idx.byId.get(key) ?? idx.byName.get(key);
}

export function listServices(): readonly CatalogueService[] {
  return SERVICES;
}
