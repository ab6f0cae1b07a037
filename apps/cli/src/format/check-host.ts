import type { CheckHostResult } from '@spfwatch/spf';

/** The line --batch writes per input: exactly these four fields, in this order. */
export interface CheckHostBatchLine {
  result: CheckHostResult['result'];
  explanation: string | null;
  matchedTerm: string | null;
  lookups: number;
}

/** A malformed input line still gets its output line, in order, saying what was wrong. */
export interface CheckHostBatchError extends CheckHostBatchLine {
  result: 'permerror';
  error: string;
}

export function toBatchLine(r: CheckHostResult): CheckHostBatchLine {
  return { result: r.result, explanation: r.explanation, matchedTerm: r.matchedTerm, lookups: r.lookups };
}

export function toBatchError(message: string): CheckHostBatchError {
  return { result: 'permerror', explanation: null, matchedTerm: null, lookups: 0, error: message };
}

/** What --json prints: the engine's whole result plus the plain-language reason. */
export type CheckHostJson = CheckHostResult & { reason: string };

export interface CheckHostTextOptions {
  /** Also print the evaluation trace (every record, term and lookup in order). */
  trace?: boolean;
}

/** The human-readable report of one check_host(). */
export function renderCheckHost(r: CheckHostResult, reason: string, opts: CheckHostTextOptions = {}): string {
  const identity = r.identity === 'mailfrom' ? `MAIL FROM ${r.sender}` : `HELO ${r.helo || '(empty)'}`;
  const rows: Array<[string, string]> = [
    ['Result', r.result],
    ['Domain', `${r.domain} (checked identity: ${identity})`],
    ['Client IP', r.ip],
    ['Matched term', r.matchedTerm ?? '(none)'],
  ];
  if (r.matched !== null && r.matched.term !== r.matchedTerm) {
    rows.push(['Innermost match', `${r.matched.term} in ${r.matched.domain}`]);
  }
  rows.push(['Explanation', r.explanation ?? '(none)']);
  if (r.problem !== null) rows.push(['Problem', r.problem]);
  rows.push(['Lookups', `${r.lookups}/10 DNS-querying terms, ${r.voidLookups}/2 void`]);
  rows.push(['Reason', reason]);

  // Label, colon, two spaces: values line up in one column.
  const width = Math.max(...rows.map(([label]) => label.length)) + 3;
  const lines = rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`);
  lines.push('', r.receivedSpf);
  if (opts.trace) {
    lines.push('', 'Trace:');
    for (const entry of r.trace) {
      const term = entry.term ? ` ${entry.term}` : '';
      lines.push(`${'  '.repeat(entry.depth + 1)}${entry.domain} ${entry.event}${term}: ${entry.detail}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
