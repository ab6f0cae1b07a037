import type { DnsErrorKind, Resolver } from '../dns/types';
import { isSpfRecordText } from '../parser/record';

export type RecordLookup =
  | { kind: 'found'; text: string; strings: string[]; ttl?: number; otherTxt: string[]; txtRecords: string[][] }
  | { kind: 'none'; reason: 'nxdomain' | 'nodata' | 'no-spf'; otherTxt: string[] }
  | { kind: 'multiple'; records: string[] }
  | { kind: 'error'; error: DnsErrorKind; message: string };

/**
 * RFC 7208 §4.4–4.5: TXT only; the character-strings of one RR are joined without spaces;
 * records not starting with "v=spf1" are discarded; more than one left is a permerror.
 */
export async function lookupSpfRecord(resolver: Resolver, domain: string): Promise<RecordLookup> {
  const answer = await resolver.resolve(domain, 'TXT');
  if (answer.kind === 'error') return { kind: 'error', error: answer.error, message: answer.message };
  if (answer.kind !== 'ok') return { kind: 'none', reason: answer.kind, otherTxt: [] };
  const spf: string[] = [];
  const other: string[] = [];
  let spfStrings: string[] = [];
  for (let i = 0; i < answer.records.length; i++) {
    const rr = answer.records[i]!;
    // A one-string RR (most) is its own text: join('') would copy it.
    const text = rr.length === 1 ? rr[0]! : rr.join('');
    if (isSpfRecordText(text)) {
      spf.push(text);
      spfStrings = rr;
    } else other.push(text);
  }
  if (spf.length === 0) return { kind: 'none', reason: 'no-spf', otherTxt: other };
  if (spf.length > 1) return { kind: 'multiple', records: spf };
  // Two literals rather than a spread of a temporary object: this runs for every record walked.
  const text = spf[0]!;
  return answer.ttl !== undefined
    ? { kind: 'found', text, strings: spfStrings, ttl: answer.ttl, otherTxt: other, txtRecords: answer.records }
    : { kind: 'found', text, strings: spfStrings, otherTxt: other, txtRecords: answer.records };
}
