import { type ConfigImportReport, type ConfigScopeRef, configFormatProblem } from '@spfwatch/contracts';

/** A chosen file: its parsed document, or why it cannot be imported (checked before asking the API). */
export function readConfigFile(text: string): { ok: true; document: unknown } | { ok: false; message: string } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not JSON. Choose a file made by "Export configuration".' };
  }
  const problem = configFormatProblem(document);
  return problem ? { ok: false, message: problem.message } : { ok: true, document };
}

/** "Organization", "Client Acme", "Domain acme.example". */
export function scopeLabel(scope: ConfigScopeRef): string {
  if (scope.domain !== undefined) return `Domain ${scope.domain}`;
  if (scope.client !== undefined) return `Client ${scope.client}`;
  return 'Organization';
}

/** Nothing would change: everything in the file is already here (or invalid). */
export function changesNothing(report: ConfigImportReport): boolean {
  return (
    report.clients.created.length === 0 &&
    report.domains.created.length === 0 &&
    report.policies.created.length === 0 &&
    report.policies.updated.length === 0 &&
    report.channels.created.length === 0 &&
    report.schedule === 'unchanged'
  );
}

/** Validation issues of a 400 (`details.issues`), for listing each field. */
export function issuesOf(details: unknown): Array<{ path: string; message: string }> {
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter((i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string');
}
