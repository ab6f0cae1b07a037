import type { CheckHostResult } from './check-host';

type HeaderInput = Omit<CheckHostResult, 'receivedSpf'>;

/**
 * RFC 7208 §9.1: Received-SPF: result (comment) key=value; …
 * Values that are not dot-atoms are quoted; CR/LF never reach the header.
 */
export function buildReceivedSpf(r: HeaderInput, receiver = 'unknown'): string {
  const comment = headerComment(r, receiver);
  const pairs: Array<[string, string]> = [
    ['client-ip', r.ip],
    ['envelope-from', r.identity === 'mailfrom' ? r.sender : ''],
    ['helo', r.helo],
    ['receiver', receiver],
    ['identity', r.identity],
  ];
  if (r.matchedTerm) pairs.push(['mechanism', r.matchedTerm]);
  if (r.problem && (r.result === 'permerror' || r.result === 'temperror')) pairs.push(['problem', r.problem]);
  const keyValues = pairs
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${formatValue(v)};`)
    .join(' ');
  return `Received-SPF: ${r.result} (${comment}) ${keyValues}`;
}

function headerComment(r: HeaderInput, receiver: string): string {
  const who = r.identity === 'mailfrom' ? `domain of ${r.sender}` : `domain of ${r.helo}`;
  const text = (() => {
    switch (r.result) {
      case 'pass':
        return `${receiver}: ${who} designates ${r.ip} as permitted sender`;
      case 'fail':
        return `${receiver}: ${who} does not designate ${r.ip} as permitted sender`;
      case 'softfail':
        return `${receiver}: transitioning ${who} does not designate ${r.ip} as permitted sender`;
      case 'neutral':
        return `${receiver}: ${r.ip} is neither permitted nor denied by ${who}`;
      case 'none':
        return `${receiver}: ${who} does not designate permitted sender hosts`;
      case 'temperror':
        return `${receiver}: error in processing during lookup of ${who}`;
      case 'permerror':
        return `${receiver}: permanent error in processing ${who}`;
    }
  })();
  // Comments may not contain unbalanced parentheses or line breaks.
  return sanitize(text).replace(/[()]/g, '');
}

function formatValue(value: string): string {
  const clean = sanitize(value);
  return /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.:]+$/.test(clean) ? clean : `"${clean.replace(/["\\]/g, '\\$&')}"`;
}

function sanitize(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e]/g, '?');
}
