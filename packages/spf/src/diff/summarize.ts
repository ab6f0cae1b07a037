import type { AnalysisDiff, ChangeSeverity } from './types';

const ORDER: ChangeSeverity[] = ['breaking', 'warning', 'info'];
const WORD: Record<ChangeSeverity, [string, string]> = { breaking: ['breaking', 'breaking'], warning: ['warning', 'warnings'], info: ['info', 'info'] };

/**
 * One line for a dashboard row or an email subject:
 * "example.com: 1 breaking, 1 warning — Lookup count rose from 9 to 11 … (+2 more)".
 */
export function summarizeDiff(diff: AnalysisDiff): string {
  if (!diff.changed || diff.changes.length === 0) return `${diff.domain}: no change`;
  const counts = ORDER.map((s) => [s, diff.changes.filter((c) => c.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${WORD[s][n === 1 ? 0 : 1]}`)
    .join(', ');
  const provider = diff.providerOnly ? ' (provider change)' : '';
  const first = diff.changes[0]!.message.replace(/\s+/g, ' ').trim();
  const more = diff.changes.length > 1 ? ` (+${diff.changes.length - 1} more)` : '';
  return `${diff.domain}: ${counts}${provider} — ${first}${more}`;
}
