import type { Analysis, AnalysisNode, LintFinding } from '@spfwatch/spf';

/** RFC 7208 §4.6.4 limits, as the report states them. */
const LOOKUP_LIMIT = 10;
const VOID_LIMIT = 2;

const SEVERITY_ORDER: Record<LintFinding['severity'], number> = { error: 0, warning: 1, info: 2 };

/** The whole plain-text report of one analysis: tree, totals, services, networks, lint, flattening. */
export function renderAnalysis(a: Analysis): string {
  const sections = [
    renderHeader(a),
    renderTree(a.tree).join('\n'),
    renderTotals(a),
    renderServices(a),
    renderNetworks(a),
    renderLint(a.lint),
    renderFlattened(a),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function renderHeader(a: Analysis): string {
  const all = a.allQualifier === null ? 'no "all"' : `ends in ${a.allQualifier === '+' ? '+' : a.allQualifier}all`;
  const truncated = a.truncated ? ' — analysis truncated: the tree is too large or too deep' : '';
  return `SPF analysis of ${a.domain}: ${a.status} (${all})${truncated}`;
}

/**
 * The include/redirect tree, one node per block: "term → domain  [cost]", the record on the next
 * line, then the node's errors and its children, each level indented by two spaces. The root
 * shows total and own cost; a child shows one number when it has no cost of its own below it.
 */
export function renderTree(node: AnalysisNode, depth = 0): string[] {
  const pad = '  '.repeat(depth);
  const cost = depth === 0 || node.ownCost !== node.totalCost ? `[total ${node.totalCost}, own ${node.ownCost}]` : `[${node.totalCost}]`;
  const name = node.term !== undefined ? `${node.term} → ${node.domain}` : node.domain;
  const notes: string[] = [];
  if (node.status !== 'ok') notes.push(`✗ ${describeStatus(node)}`);
  if (node.voidLookups > 0) notes.push('void lookup');
  if (node.ttl !== undefined) notes.push(`ttl ${node.ttl}`);
  const lines = [`${pad}${name}  ${cost}${notes.length > 0 ? `  ${notes.join(', ')}` : ''}`];
  if (node.record !== null) {
    for (const record of node.record.split('\n')) lines.push(`${pad}    "${record}"`);
  }
  for (const error of node.errors) lines.push(`${pad}    ✗ ${error.code}: ${error.message}`);
  for (const term of node.terms) {
    const marks: string[] = [];
    // Invalid terms are already listed among the node's errors.
    if (term.error !== undefined && term.kind !== 'invalid') marks.push(`✗ ${term.error}`);
    if (term.void) marks.push('void lookup');
    if (term.unreachable) marks.push('never evaluated (after "all")');
    if (marks.length > 0) lines.push(`${pad}    ${term.text}: ${marks.join('; ')}`);
  }
  for (const child of node.children) lines.push(...renderTree(child, depth + 1));
  return lines;
}

function describeStatus(node: AnalysisNode): string {
  switch (node.status) {
    case 'none':
      return 'no SPF record';
    case 'nxdomain':
      return 'domain does not exist';
    case 'multiple':
      return 'several SPF records';
    case 'syntax':
      return 'syntax error';
    case 'temperror':
      return 'DNS error';
    case 'loop':
      return 'include loop';
    case 'ignored':
      return 'ignored (the record has "all")';
    case 'invalid-target':
      return 'invalid target name';
    case 'unresolvable':
      return 'target known only at check time';
    default:
      return node.status;
  }
}

export function renderTotals(a: Analysis): string {
  const over = a.lookupCount > LOOKUP_LIMIT ? '  ✗ over the limit: receivers return permerror' : '';
  const voidOver = a.voidLookups > VOID_LIMIT ? '  ✗ over the limit' : '';
  return [
    `Lookups: ${a.lookupCount}/${LOOKUP_LIMIT}${over}`,
    `Void lookups: ${a.voidLookups}/${VOID_LIMIT}${voidOver}`,
    `MX address lookups: ${a.mxAddressLookups}`,
    ...(a.ptrLookups > 0 ? [`PTR lookups: ${a.ptrLookups}`] : []),
  ].join('\n');
}

export function renderServices(a: Analysis): string {
  if (a.services.length === 0) return 'Services: none recognised';
  const width = Math.max(...a.services.map((s) => s.name.length));
  const lines = a.services.map((s) => `  ${s.name.padEnd(width)}  via ${s.include}${s.path.length > 1 ? ` (${s.path.join(' → ')})` : ''}`);
  return [`Services (${a.services.length}):`, ...lines].join('\n');
}

export function renderNetworks(a: Analysis): string {
  const lines: string[] = [];
  if (a.networks.length === 0) lines.push('Networks: none');
  else {
    lines.push(`Networks (${a.networks.length}):`);
    const width = Math.max(...a.networks.map((n) => n.cidr.length));
    for (const n of a.networks) lines.push(`  ${n.cidr.padEnd(width)}  ${n.term} in ${n.path.join(' → ')}`);
  }
  if (a.unresolvable.length > 0) {
    lines.push(`Decided only at check time (${a.unresolvable.length}):`);
    for (const u of a.unresolvable) lines.push(`  ${u.term} in ${u.path.join(' → ')} (${u.reason})`);
  }
  return lines.join('\n');
}

export function renderLint(findings: readonly LintFinding[]): string {
  if (findings.length === 0) return 'Lint: no findings';
  const sorted = [...findings].sort((x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity]);
  const lines = [`Lint (${findings.length}):`];
  for (const f of sorted) {
    const where = f.term !== undefined ? ` [${f.term} in ${f.domain}]` : ` [${f.domain}]`;
    lines.push(`  ${f.severity.padEnd(7)} ${f.code}: ${f.message}${where}`);
    if (f.fix !== undefined) lines.push(`          fix: ${f.fix}`);
  }
  return lines.join('\n');
}

export function renderFlattened(a: Analysis): string {
  const f = a.flattened;
  if (f.records.length === 0) return 'Flattened suggestion: none';
  const verdict = f.withinLimits ? 'within limits' : '✗ NOT within limits';
  const lines = [`Flattened suggestion (${f.lookupCount}/${LOOKUP_LIMIT} lookups, ${verdict}):`];
  for (const r of f.records) {
    // Shown as the TXT character-strings to publish; each must stay within 255 octets.
    const strings = r.strings !== undefined && r.strings.length > 0 ? r.strings : [r.text];
    lines.push(`  ${r.name}  TXT  ${strings.map((s) => JSON.stringify(s)).join(' ')}`);
  }
  for (const note of f.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

/** Whether --fail-on should fail the run for these findings ("warning" includes errors). */
export function hasFindingsAtLeast(findings: readonly LintFinding[], level: 'error' | 'warning'): boolean {
  const threshold = SEVERITY_ORDER[level];
  return findings.some((f) => SEVERITY_ORDER[f.severity] <= threshold);
}
