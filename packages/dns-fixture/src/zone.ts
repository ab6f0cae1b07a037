import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ZoneError } from './errors';

/** What a name can be told to do instead of (or before) answering. */
export type BehaviourAction = 'timeout' | 'servfail' | 'refused' | 'truncate' | 'nxdomain';
/** Answer normally, but only after this many milliseconds. */
export interface DelayBehaviour {
  readonly delayMs: number;
}
/** A behaviour per query type, e.g. `{ TXT: 'timeout', A: 'servfail' }`; other types answer normally. */
export interface BehaviourByType {
  readonly [recordType: string]: BehaviourAction | DelayBehaviour;
}
export type Behaviour = BehaviourAction | DelayBehaviour | BehaviourByType;

export interface MxValue {
  /** `preference` is accepted as a synonym (the RFC 1035 word). */
  readonly priority?: number;
  readonly preference?: number;
  /** A domain name; `""` or `"."` is the root, for the null MX of RFC 7505 (`"0 ."`). */
  readonly exchange: string;
}

/** One TXT/SPF RR: a string (split into 255-octet strings when longer) or several strings. */
export type TxtValue = string | readonly string[];

type OneOrMany<T> = T | readonly T[];

/** The records and settings of one owner name. Record type keys are case-insensitive. */
export interface ZoneName {
  readonly A?: OneOrMany<string>;
  readonly AAAA?: OneOrMany<string>;
  /** A string is one RR; a list holds one RR per item, where an item that is a list is one RR of several strings. */
  readonly TXT?: string | readonly TxtValue[];
  /** The deprecated type-99 RR, same shape as TXT. */
  readonly SPF?: string | readonly TxtValue[];
  /** `{ priority, exchange }` or `"10 mx.example.com"`. */
  readonly MX?: OneOrMany<MxValue | string>;
  readonly PTR?: OneOrMany<string>;
  readonly CNAME?: string;
  /** TTL of every record of this name; defaults to the zone's `ttl`. */
  readonly ttl?: number;
  readonly behaviour?: Behaviour;
}

export interface Zone {
  /** Default TTL of every record. Default 300. */
  readonly ttl?: number;
  /** TTL and MINIMUM of the SOA sent with NXDOMAIN / NODATA answers (RFC 2308). Default 60. */
  readonly negativeTtl?: number;
  /** Owner name (case-insensitive, trailing dot optional, `*.` wildcards) → records. */
  readonly records: { readonly [name: string]: ZoneName | null };
}

export const RECORD_TYPES = ['A', 'AAAA', 'TXT', 'SPF', 'MX', 'PTR', 'CNAME'] as const;
export type RecordTypeName = (typeof RECORD_TYPES)[number];

export type RData =
  | { readonly type: 'A' | 'AAAA' | 'PTR' | 'CNAME'; readonly data: string }
  | { readonly type: 'TXT' | 'SPF'; readonly data: readonly Buffer[] }
  /** `exchange` is lower-case without the trailing dot, so the root (null MX) is `""`. */
  | { readonly type: 'MX'; readonly data: { readonly preference: number; readonly exchange: string } };

export type NormalizedAction =
  | { readonly kind: 'timeout' | 'servfail' | 'refused' | 'truncate' | 'nxdomain' }
  | { readonly kind: 'delay'; readonly ms: number };

export interface NormalizedBehaviour {
  /** Applies to every query type of the name unless byType says otherwise. */
  readonly all: NormalizedAction | undefined;
  /** Keyed by the type name as dns-packet decodes it (upper-case, e.g. `TXT`, `SPF`). */
  readonly byType: ReadonlyMap<string, NormalizedAction>;
}

export interface NormalizedName {
  /** Lower-case, no trailing dot. */
  readonly name: string;
  readonly ttl: number;
  readonly rrsets: ReadonlyMap<RecordTypeName, readonly RData[]>;
  readonly cname: string | undefined;
  readonly behaviour: NormalizedBehaviour | undefined;
}

export interface NormalizedZone {
  readonly negativeTtl: number;
  readonly names: ReadonlyMap<string, NormalizedName>;
}

const DEFAULT_TTL = 300;
const DEFAULT_NEGATIVE_TTL = 60;
const MAX_TTL = 2 ** 31 - 1; // RFC 2181 §8
const MAX_CHARACTER_STRING = 255; // RFC 1035 §3.3
const ACTIONS: readonly string[] = ['timeout', 'servfail', 'refused', 'truncate', 'nxdomain'];

/**
 * The type names a per-type behaviour may use: every name dns-packet decodes a query type to.
 * dns-packet keeps that table in a module of its own without typings.
 */
const dnsTypes = require('dns-packet/types') as { toType(name: string): number };

/**
 * Parses a zone from a file (`.yaml`, `.yml`, `.json`) or from YAML/JSON text and validates it.
 * A string without a line break that names an existing file, or ends in one of those
 * extensions, is read as a path. Throws ZoneError naming the file, the name and the field.
 */
export function loadZone(pathOrText: string): Zone {
  const { text, source } = readZoneSource(pathOrText);
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw new ZoneError('', `invalid YAML/JSON: ${(error as Error).message}`, source);
  }
  normalizeZone(parsed, source);
  return parsed as Zone;
}

function readZoneSource(pathOrText: string): { text: string; source: string | undefined } {
  const looksLikePath = !pathOrText.includes('\n') && (/\.(ya?ml|json)$/i.test(pathOrText) || fs.existsSync(pathOrText));
  if (!looksLikePath) return { text: pathOrText, source: undefined };
  const source = path.resolve(pathOrText);
  try {
    return { text: fs.readFileSync(source, 'utf8'), source };
  } catch (error) {
    throw new ZoneError('', `cannot read zone file: ${(error as Error).message}`, source);
  }
}

/** Validates a zone (from any source) and turns it into the form the server compiles. */
export function normalizeZone(input: unknown, source?: string): NormalizedZone {
  const fail = (where: string, message: string): never => {
    throw new ZoneError(where, message, source);
  };
  if (!isPlainObject(input)) return fail('', `a zone must be an object with a "records" map, got ${describe(input)}`);
  for (const key of Object.keys(input)) {
    if (key !== 'ttl' && key !== 'negativeTtl' && key !== 'records') {
      fail(key, 'unknown field (expected "ttl", "negativeTtl" or "records")');
    }
  }
  const ttl = input.ttl === undefined ? DEFAULT_TTL : checkTtl(input.ttl, 'ttl', fail);
  const negativeTtl = input.negativeTtl === undefined ? DEFAULT_NEGATIVE_TTL : checkTtl(input.negativeTtl, 'negativeTtl', fail);
  const records = input.records;
  if (!isPlainObject(records)) return fail('records', `expected a map of owner names, got ${describe(records)}`);

  const names = new Map<string, NormalizedName>();
  const spelledAs = new Map<string, string>();
  for (const [rawName, value] of Object.entries(records)) {
    const where = `records[${JSON.stringify(rawName)}]`;
    const name = checkName(rawName, where, fail, { wildcard: true });
    const previous = spelledAs.get(name);
    if (previous !== undefined) fail(where, `same name as ${JSON.stringify(previous)} (names are case-insensitive)`);
    spelledAs.set(name, rawName);
    names.set(name, normalizeName(name, value, where, ttl, fail));
  }
  return { negativeTtl, names };
}

type Fail = (where: string, message: string) => never;

function normalizeName(name: string, value: unknown, where: string, zoneTtl: number, fail: Fail): NormalizedName {
  if (value === null || value === undefined) {
    return { name, ttl: zoneTtl, rrsets: new Map(), cname: undefined, behaviour: undefined };
  }
  if (!isPlainObject(value)) return fail(where, `expected a map of record types, got ${describe(value)}`);

  let ttl = zoneTtl;
  let behaviour: NormalizedBehaviour | undefined;
  let cname: string | undefined;
  const rrsets = new Map<RecordTypeName, RData[]>();
  for (const [key, field] of Object.entries(value)) {
    const at = `${where}.${key}`;
    if (key === 'ttl') {
      ttl = checkTtl(field, at, fail);
      continue;
    }
    if (key === 'behaviour' || key === 'behavior') {
      behaviour = normalizeBehaviour(field, at, fail);
      continue;
    }
    const type = RECORD_TYPES.find((candidate) => candidate === key.toUpperCase());
    if (type === undefined) {
      fail(at, `unknown field (expected a record type ${RECORD_TYPES.join(', ')}, or "ttl" / "behaviour")`);
      continue;
    }
    if (rrsets.has(type) || (type === 'CNAME' && cname !== undefined)) fail(at, `${type} given twice`);
    if (type === 'CNAME') {
      const target = Array.isArray(field) && field.length === 1 ? field[0] : field;
      if (typeof target !== 'string') fail(at, `expected one target name, got ${describe(field)}`);
      cname = checkName(target as string, at, fail, { wildcard: false });
      continue;
    }
    rrsets.set(type, normalizeRRset(type, field, at, fail));
  }
  // RFC 1034 §3.6.2: a name with a CNAME has no other data.
  if (cname !== undefined && rrsets.size > 0) {
    fail(`${where}.CNAME`, `a name with a CNAME cannot have other records (found ${[...rrsets.keys()].join(', ')})`);
  }
  return { name, ttl, rrsets, cname, behaviour };
}

function normalizeRRset(type: Exclude<RecordTypeName, 'CNAME'>, field: unknown, at: string, fail: Fail): RData[] {
  if (field === null || field === undefined) return fail(at, 'expected at least one record, got nothing');
  // For TXT/SPF a bare string is one RR; an outer list is always a list of RRs.
  const items: unknown[] = Array.isArray(field) ? field : [field];
  if (items.length === 0) fail(at, 'expected at least one record, got an empty list');
  return items.map((item, index): RData => {
    const itemAt = Array.isArray(field) ? `${at}[${index}]` : at;
    switch (type) {
      case 'A':
        if (typeof item !== 'string' || !net.isIPv4(item)) fail(itemAt, `expected an IPv4 address, got ${describe(item)}`);
        return { type, data: item as string };
      case 'AAAA':
        if (typeof item !== 'string' || !net.isIPv6(item)) fail(itemAt, `expected an IPv6 address, got ${describe(item)}`);
        return { type, data: item as string };
      case 'PTR':
        if (typeof item !== 'string') fail(itemAt, `expected a domain name, got ${describe(item)}`);
        return { type, data: checkName(item as string, itemAt, fail, { wildcard: false }) };
      case 'MX':
        return { type, data: normalizeMx(item, itemAt, fail) };
      case 'TXT':
      case 'SPF':
        return { type, data: normalizeTxt(item, itemAt, fail) };
    }
  });
}

function normalizeMx(item: unknown, at: string, fail: Fail): { preference: number; exchange: string } {
  const usage = 'expected { priority, exchange } or "<priority> <exchange>"';
  let preference: unknown;
  let exchange: unknown;
  if (typeof item === 'string') {
    const parts = item.trim().split(/\s+/);
    if (parts.length !== 2 || !/^\d+$/.test(parts[0] ?? '')) fail(at, `${usage}, got ${describe(item)}`);
    preference = Number(parts[0]);
    exchange = parts[1];
  } else if (isPlainObject(item)) {
    for (const key of Object.keys(item)) {
      if (key !== 'priority' && key !== 'preference' && key !== 'exchange') fail(`${at}.${key}`, `unknown field (${usage})`);
    }
    preference = item.priority ?? item.preference;
    exchange = item.exchange;
  } else {
    fail(at, `${usage}, got ${describe(item)}`);
  }
  if (typeof preference !== 'number' || !Number.isInteger(preference) || preference < 0 || preference > 65535) {
    fail(at, `priority must be an integer 0-65535, got ${describe(preference)}`);
  }
  if (typeof exchange !== 'string') return fail(at, `exchange must be a domain name, got ${describe(exchange)}`);
  // RFC 7505: the null MX ("0 .") names the root; "" and "." both mean it, kept as "".
  if (exchange === '' || exchange === '.') return { preference: preference as number, exchange: '' };
  return { preference: preference as number, exchange: checkName(exchange, at, fail, { wildcard: false }) };
}

/** RFC 1035 §3.3.14: TXT-DATA is one or more <character-string>s of at most 255 octets. */
function normalizeTxt(item: unknown, at: string, fail: Fail): Buffer[] {
  const quoteHint = '(quote it in YAML)';
  if (typeof item === 'string') {
    const bytes = Buffer.from(item, 'utf8');
    if (bytes.length <= MAX_CHARACTER_STRING) return [bytes];
    // A long string is split into 255-octet strings, as zone authors expect (RFC 7208 §3.3).
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += MAX_CHARACTER_STRING) {
      chunks.push(bytes.subarray(offset, offset + MAX_CHARACTER_STRING));
    }
    return chunks;
  }
  if (Array.isArray(item)) {
    if (item.length === 0) fail(at, 'expected at least one character-string, got an empty list');
    return item.map((part: unknown, index) => {
      if (typeof part !== 'string') fail(`${at}[${index}]`, `expected a string ${quoteHint}, got ${describe(part)}`);
      const bytes = Buffer.from(part as string, 'utf8');
      if (bytes.length > MAX_CHARACTER_STRING) {
        fail(`${at}[${index}]`, `character-string is ${bytes.length} octets, the limit is 255 (give the whole record as one string to split it automatically)`);
      }
      return bytes;
    });
  }
  return fail(at, `expected a string or a list of strings ${quoteHint}, got ${describe(item)}`);
}

function normalizeBehaviour(field: unknown, at: string, fail: Fail): NormalizedBehaviour {
  if (typeof field === 'string' || isDelay(field)) {
    return { all: normalizeAction(field, at, fail), byType: new Map() };
  }
  const usage = `expected one of ${ACTIONS.join(' | ')}, { delayMs }, or a map of query type to one of those`;
  if (!isPlainObject(field)) return fail(at, `${usage}, got ${describe(field)}`);
  if ('delayMs' in field) fail(`${at}.delayMs`, 'delayMs cannot be mixed with per-type behaviours; give { TYPE: { delayMs } } instead');
  const byType = new Map<string, NormalizedAction>();
  for (const [key, value] of Object.entries(field)) {
    const type = key.toUpperCase();
    if (dnsTypes.toType(type) === 0) fail(`${at}.${key}`, `unknown query type "${key}"`);
    byType.set(type, normalizeAction(value, `${at}.${key}`, fail));
  }
  if (byType.size === 0) fail(at, `${usage}, got an empty map`);
  return { all: undefined, byType };
}

function normalizeAction(value: unknown, at: string, fail: Fail): NormalizedAction {
  if (typeof value === 'string' && ACTIONS.includes(value)) {
    return { kind: value as BehaviourAction };
  }
  if (isDelay(value)) {
    const ms = value.delayMs;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) fail(`${at}.delayMs`, `expected a number of milliseconds >= 0, got ${describe(ms)}`);
    return { kind: 'delay', ms: ms as number };
  }
  return fail(at, `expected one of ${ACTIONS.join(' | ')} or { delayMs }, got ${describe(value)}`);
}

function isDelay(value: unknown): value is { delayMs: unknown } {
  return isPlainObject(value) && Object.keys(value).length === 1 && 'delayMs' in value;
}

function checkTtl(value: unknown, at: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TTL) {
    fail(at, `TTL must be an integer 0-${MAX_TTL} seconds, got ${describe(value)}`);
  }
  return value as number;
}

/**
 * Lower-cases a domain name and drops one trailing dot. RFC 1035 §2.3.4: labels of 1-63
 * octets, at most 253 octets in text form. A `*` label only as the leftmost label of an owner.
 * Labels may hold any octet (RFC 2181 §11), and RFC 7208 names built by macros do hold spaces,
 * ':' or '%' (e.g. `macro%percent  space%20url-space.example.com`): every printable character
 * but '.' is accepted, space included; control characters and other whitespace are not.
 */
export function checkName(raw: string, at: string, fail: Fail, opts: { wildcard: boolean }): string {
  const name = raw.endsWith('.') ? raw.slice(0, -1).toLowerCase() : raw.toLowerCase();
  const show = JSON.stringify(raw);
  if (name === '') fail(at, `empty domain name ${show}`);
  if (/[\x00-\x1f\x7f]|[^\S ]/.test(name)) fail(at, `domain name ${show} contains control characters or whitespace other than a space`);
  if (Buffer.byteLength(name) > 253) fail(at, `domain name ${show} is longer than 253 octets`);
  const labels = name.split('.');
  labels.forEach((label, index) => {
    if (label === '') fail(at, `domain name ${show} has an empty label`);
    if (Buffer.byteLength(label) > 63) fail(at, `domain name ${show} has a label longer than 63 octets`);
    if (label.includes('*') && (label !== '*' || index !== 0 || !opts.wildcard)) {
      fail(at, `domain name ${show}: "*" is only allowed as the whole leftmost label of an owner name`);
    }
  });
  return name;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}
