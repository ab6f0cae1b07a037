import { CLIENT_NAME_MAX, MAX_TAGS_PER_DOMAIN, tagSchema, type ImportLine } from '@spfwatch/contracts';
import { normalizeDomain } from '@spfwatch/spf';
import type { ParsedImportLine } from './parse-import';

export interface ExistingClient {
  id: string;
  name: string;
}

/** The client for lines that name none: an existing one (by id) or a name found or created. */
export type DefaultClient = { kind: 'existing'; client: ExistingClient } | { kind: 'name'; name: string };

export interface ImportContext {
  /** Every client of the organization (an agency has tens to hundreds). */
  clients: ExistingClient[];
  /** Domains of the organization among the file's names: normalised name → its client's name. */
  existingDomains: ReadonlyMap<string, string>;
  defaultClient?: DefaultClient;
}

export interface PlannedDomain {
  name: string;
  tags: string[];
  /** Lower-cased client name: key into `existingClientIds` or `newClients`. */
  clientKey: string;
}

export interface ImportPlan {
  lines: ImportLine[];
  domains: PlannedDomain[];
  /** Clients to create: lower-cased key → name as first spelled in the file. */
  newClients: Map<string, string>;
  /** Existing clients the planned domains use: lower-cased key → id. */
  existingClientIds: Map<string, string>;
  created: number;
  duplicates: number;
  invalid: number;
}

/** Clients are matched by name without regard to case or surrounding spaces. */
export function clientKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Decides each parsed line's fate: invalid (unreadable, bad domain with the engine's reason, bad
 * tag, no client), duplicate (already in the organization, or earlier in the same file), or
 * created. Pure: the caller supplies the organization's clients and the domains that exist.
 */
export function planImport(parsed: readonly ParsedImportLine[], ctx: ImportContext): ImportPlan {
  const clientsByKey = new Map(ctx.clients.map((c) => [clientKey(c.name), c]));
  const newClients = new Map<string, string>();
  const existingClientIds = new Map<string, string>();
  const firstLineOf = new Map<string, number>();
  const lines: ImportLine[] = [];
  const domains: PlannedDomain[] = [];
  let duplicates = 0;
  let invalid = 0;

  const reject = (p: ParsedImportLine, reason: string, extra: Partial<ImportLine> = {}): void => {
    invalid++;
    lines.push({ line: p.line, input: p.input, status: 'invalid', ...extra, reason });
  };

  for (const p of parsed) {
    if (p.error !== undefined || p.domain === undefined) {
      reject(p, p.error ?? 'no domain on this line');
      continue;
    }
    const normalized = normalizeDomain(p.domain);
    if (!normalized.ok) {
      reject(p, normalized.reason);
      continue;
    }
    const name = normalized.domain;

    const tags = readTags(p.tags);
    if (!tags.ok) {
      reject(p, tags.reason, { domain: name });
      continue;
    }

    const client = resolveClient(p.client, ctx.defaultClient, clientsByKey, newClients);
    if (!client.ok) {
      reject(p, client.reason, { domain: name });
      continue;
    }

    const owner = ctx.existingDomains.get(name);
    const earlier = firstLineOf.get(name);
    if (owner !== undefined || earlier !== undefined) {
      duplicates++;
      const reason = owner !== undefined ? `${name} is already monitored (client ${owner})` : `${name} is already on line ${earlier}`;
      lines.push({ line: p.line, input: p.input, status: 'duplicate', domain: name, client: client.name, reason });
      continue;
    }

    firstLineOf.set(name, p.line);
    if (client.existingId !== undefined) existingClientIds.set(client.key, client.existingId);
    else if (!newClients.has(client.key)) newClients.set(client.key, client.name);
    domains.push({ name, tags: tags.tags, clientKey: client.key });
    lines.push({ line: p.line, input: p.input, status: 'created', domain: name, client: client.name, tags: tags.tags });
  }

  return { lines, domains, newClients, existingClientIds, created: domains.length, duplicates, invalid };
}

function readTags(raw: readonly string[]): { ok: true; tags: string[] } | { ok: false; reason: string } {
  const tags: string[] = [];
  for (const t of raw) {
    const r = tagSchema.safeParse(t);
    if (!r.success) return { ok: false, reason: `tag "${t}": ${r.error.issues[0]?.message ?? 'invalid'}` };
    if (!tags.includes(r.data)) tags.push(r.data);
  }
  if (tags.length > MAX_TAGS_PER_DOMAIN) return { ok: false, reason: `at most ${MAX_TAGS_PER_DOMAIN} tags per domain (found ${tags.length})` };
  return { ok: true, tags };
}

type ResolvedClient = { ok: true; key: string; name: string; existingId?: string } | { ok: false; reason: string };

function resolveClient(
  given: string | undefined,
  fallback: DefaultClient | undefined,
  clientsByKey: ReadonlyMap<string, ExistingClient>,
  newClients: ReadonlyMap<string, string>,
): ResolvedClient {
  if (given === undefined || given.trim() === '') {
    if (!fallback) return { ok: false, reason: 'no client on this line and no default client chosen' };
    if (fallback.kind === 'existing') return { ok: true, key: clientKey(fallback.client.name), name: fallback.client.name, existingId: fallback.client.id };
    given = fallback.name;
  }
  const name = given.trim();
  if (name.length > CLIENT_NAME_MAX) return { ok: false, reason: `the client name is longer than ${CLIENT_NAME_MAX} characters` };
  const key = clientKey(name);
  const existing = clientsByKey.get(key);
  if (existing) return { ok: true, key, name: existing.name, existingId: existing.id };
  return { ok: true, key, name: newClients.get(key) ?? name };
}
