import { Inject, Injectable } from '@nestjs/common';
import {
  CONFIG_FORMAT,
  CONFIG_VERSION,
  type ConfigChannel,
  type ConfigDocument,
  type ConfigExport,
  type ConfigImportReport,
  type ConfigPolicy,
  type ConfigScope,
  type ConfigScopeRef,
  configDocumentSchema,
  configFormatProblem,
  type CreateChannelInput,
  IMPORT_MAX_LINES,
  type ValidationIssue,
} from '@spfwatch/contracts';
import { normalizeDomain } from '@spfwatch/spf';
import { CLOCK, type Clock } from '../../common/clock';
import { AppError } from '../../common/errors';
import { describeIssues, toValidationIssues } from '../../common/zod-validation.pipe';
import { isRawUniqueViolation, isUniqueViolation } from '../../prisma/prisma-errors';
import type { AlertPolicyWrite } from '../alerts/alert-policies.repository';
import { AlertPoliciesService, type AlertPolicyView, inheritedThresholdsProblem, samePolicy } from '../alerts/alert-policies.service';
import type { PolicyLayer } from '../alerts/alert-policy';
import { AuditService } from '../audit/audit.service';
import type { ImportDomainData } from '../domains/domains.repository';
import { DomainsService } from '../domains/domains.service';
import { clientKey } from '../domains/import/plan-import';
import { ChannelsService } from '../notifications/channels.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { ReportScheduleService } from '../reports/report-schedule.service';
import { ConfigTransferRepository } from './config-transfer.repository';

/** Where a policy applies or a channel listens, resolved: stored ids where they exist, names where the import creates them. */
type Target =
  | { kind: 'organization' }
  | { kind: 'client'; key: string; name: string; id?: string }
  | { kind: 'domain'; name: string; id?: string; client: { key: string; id?: string } };

interface PlannedPolicy {
  target: Target;
  policy: ConfigPolicy;
  status: 'created' | 'updated' | 'unchanged';
}

interface PlannedChannel {
  target: Target;
  channel: ConfigChannel;
}

interface ImportPlan {
  report: ConfigImportReport;
  newClients: Array<{ name: string; notes: string | null }>;
  domains: Array<ImportDomainData>;
  policies: PlannedPolicy[];
  channels: PlannedChannel[];
  schedule: { cron: string; enabled: boolean } | null;
}

/**
 * The organization's configuration as one JSON document (clients, domains, alert policies,
 * notification channels, report schedule, all by name) and its import into any organization:
 * merged by name, never deleting, in one transaction. Validation and writes are the owning
 * modules': the domains' bulk-import planner and write path, the alert policies' inheritance
 * rule, the channels' schemas and secrets, the report schedule's cron check.
 */
@Injectable()
export class ConfigTransferService {
  constructor(
    private readonly repo: ConfigTransferRepository,
    private readonly organizations: OrganizationsService,
    private readonly domains: DomainsService,
    private readonly policies: AlertPoliciesService,
    private readonly channels: ChannelsService,
    private readonly schedule: ReportScheduleService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The document and its file name (`spfwatch-config-<slug>-<YYYY-MM-DD>.json`). Webhook secrets are left out. */
  async export(organizationId: string): Promise<{ document: ConfigExport; filename: string }> {
    const [organization, clients, policies, channels, schedule] = await Promise.all([
      this.organizations.get(organizationId),
      this.repo.listClientsWithDomains(organizationId),
      this.policies.get(organizationId, {}),
      this.channels.list(organizationId),
      this.schedule.get(organizationId),
    ]);
    const clientNames = new Map(clients.map((c) => [c.id, c.name]));
    const domainNames = new Map(clients.flatMap((c) => c.domains.map((d) => [d.id, d.name] as const)));
    const scopeOf = (row: { clientId: string | null; domainId: string | null }): ConfigScope | null => {
      if (row.domainId) return domainNames.has(row.domainId) ? { domain: domainNames.get(row.domainId)! } : null;
      if (row.clientId) return clientNames.has(row.clientId) ? { client: clientNames.get(row.clientId)! } : null;
      return {};
    };
    const exportedAt = this.clock.now();
    const document: ConfigExport = {
      format: CONFIG_FORMAT,
      version: CONFIG_VERSION,
      exportedAt: exportedAt.toISOString(),
      organization: { name: organization.name, timeZone: organization.timeZone },
      clients: clients.map((c) => ({
        name: c.name,
        notes: c.notes,
        domains: c.domains.map((d) => ({ name: d.name, tags: d.tags, checkIntervalMinutes: d.checkIntervalMinutes, paused: d.paused })),
      })),
      alertPolicies: sortPolicies(policies.policies).flatMap((p) => {
        const scope = scopeOf(p);
        return scope ? [{ scope, thresholds: p.thresholds, types: p.types }] : [];
      }),
      notificationChannels: channels.flatMap((ch) => {
        const binding = scopeOf(ch);
        if (!binding) return [];
        const quiet = ch.quietHours as { start: string; end: string; timeZone: string } | null;
        // Everything the channel API takes, URLs included; never the webhook's signing secret.
        return [
          {
            name: ch.name,
            kind: ch.kind,
            config: ch.config,
            binding,
            minSeverity: ch.minSeverity,
            events: ch.events,
            quietHours: quiet ? { start: quiet.start, end: quiet.end, timeZone: quiet.timeZone } : null,
            enabled: ch.enabled,
          } as ConfigExport['notificationChannels'][number],
        ];
      }),
      reportSchedule: { cron: schedule.cron, enabled: schedule.enabled },
    };
    await this.audit.record({
      action: 'organization.exported',
      target: { type: 'organization', id: organizationId, label: organization.name },
      details: {
        clients: document.clients.length,
        domains: document.clients.reduce((n, c) => n + c.domains.length, 0),
        policies: document.alertPolicies.length,
        channels: document.notificationChannels.length,
      },
    });
    const slug = organization.slug.replace(/[^a-z0-9-]+/gi, '-').toLowerCase() || 'organization';
    return { document, filename: `spfwatch-config-${slug}-${document.exportedAt.slice(0, 10)}.json` };
  }

  /**
   * Imports a document: merged by name, nothing deleted. Existing clients, domains and channels
   * are left as they are; each policy replaces its scope's (updated) unless equal (unchanged);
   * the report schedule is set when the document has one. Everything is checked first (400
   * naming each field, nothing written), then written in ONE transaction. A dry run answers the
   * same report and writes nothing (and shows no secrets: none exist yet).
   */
  async import(organizationId: string, body: unknown, dryRun: boolean): Promise<ConfigImportReport> {
    const document = parseDocument(body);
    const plan = await this.plan(organizationId, document, dryRun);
    if (dryRun) return plan.report;

    let secrets: ConfigImportReport['channels']['secrets'];
    try {
      secrets = await this.repo.transaction(async (tx) => {
        const ids = await this.domains.writeImport(tx, organizationId, { newClients: plan.newClients, domains: plan.domains });
        // Ids of what the import created, for the policies and channels that name it.
        const ref = (target: Target): { clientId: string | null; domainId: string | null } => {
          if (target.kind === 'organization') return { clientId: null, domainId: null };
          if (target.kind === 'client') {
            const clientId = target.id ?? ids.clientIds.get(target.name);
            if (!clientId) throw new Error(`config import: client ${target.name} was not created`);
            return { clientId, domainId: null };
          }
          const domainId = target.id ?? ids.domainIds.get(target.name);
          if (!domainId) throw new Error(`config import: domain ${target.name} was not created`);
          return { clientId: null, domainId };
        };
        await this.policies.writeMany(
          tx,
          organizationId,
          plan.policies.filter((p) => p.status !== 'unchanged').map((p): AlertPolicyWrite => ({ ...ref(p.target), ...thresholdsOf(p.policy), overrides: p.policy.types })),
        );
        const created = await this.channels.createMany(
          tx,
          organizationId,
          plan.channels.map(({ target, channel }) => {
            const { binding: _binding, ...fields } = channel;
            const { clientId: boundClient, domainId: boundDomain } = ref(target);
            return { ...fields, ...(boundClient ? { clientId: boundClient } : {}), ...(boundDomain ? { domainId: boundDomain } : {}) } as CreateChannelInput;
          }),
        );
        if (plan.schedule) await this.schedule.writeInTransaction(tx, organizationId, plan.schedule);
        return created.flatMap((c) => (c.secret ? [{ name: c.name, secret: c.secret }] : []));
      });
    } catch (error) {
      if (isUniqueViolation(error) || isRawUniqueViolation(error)) {
        throw new AppError('conflict', 'Nothing was imported: some of these clients or domains were added by someone else meanwhile. Run the import again to see which.');
      }
      throw error;
    }

    const report: ConfigImportReport = { ...plan.report, channels: { ...plan.report.channels, secrets } };
    await this.audit.record({
      action: 'organization.imported',
      target: { type: 'organization', id: organizationId },
      // Counts and names only: never the secrets.
      details: {
        clients: { created: report.clients.created.length, existing: report.clients.existing.length },
        domains: { created: report.domains.created.length, existing: report.domains.existing.length, invalid: report.domains.invalid.length },
        policies: { created: report.policies.created.length, updated: report.policies.updated.length, unchanged: report.policies.unchanged.length },
        channels: { created: report.channels.created.length, existing: report.channels.existing.length },
        schedule: report.schedule,
      },
    });
    return report;
  }

  /** Every item's fate and what to write; throws 400 with every invalid field, before anything is written. */
  private async plan(organizationId: string, document: ConfigDocument, dryRun: boolean): Promise<ImportPlan> {
    const domainCount = document.clients.reduce((n, c) => n + c.domains.length, 0);
    if (domainCount > IMPORT_MAX_LINES) {
      throw new AppError('payload_too_large', `The document has ${domainCount} domains; the limit is ${IMPORT_MAX_LINES.toLocaleString('en-US')} per import. Split it into several documents.`, {
        domains: domainCount,
        limit: IMPORT_MAX_LINES,
      });
    }
    const issues: ValidationIssue[] = [];
    const report: ConfigImportReport = {
      dryRun,
      clients: { created: [], existing: [] },
      domains: { created: [], existing: [], invalid: [] },
      policies: { created: [], updated: [], unchanged: [] },
      channels: { created: [], existing: [], secrets: [] },
      schedule: 'unchanged',
    };

    // Clients: by name regardless of case, like the bulk import.
    const stored = await this.repo.listClientsWithDomains(organizationId);
    const storedClients = new Map(stored.map((c) => [clientKey(c.name), c]));
    const listedClients = new Map<string, { index: number; name: string }>();
    const newClients: ImportPlan['newClients'] = [];
    document.clients.forEach((c, index) => {
      const key = clientKey(c.name);
      const earlier = listedClients.get(key);
      if (earlier) {
        issues.push({ path: `clients.${index}.name`, message: `"${c.name}" is listed twice (see clients.${earlier.index})` });
        return;
      }
      listedClients.set(key, { index, name: c.name });
      const existing = storedClients.get(key);
      if (existing) report.clients.existing.push(existing.name);
      else {
        report.clients.created.push(c.name);
        newClients.push({ name: c.name, notes: c.notes });
      }
    });

    // Domains: the bulk import's planner (the engine's normalisation, duplicates); an existing one is left as it is.
    const entries = document.clients.flatMap((c) => c.domains.map((d) => ({ client: c.name, name: d.name, tags: d.tags, domain: d })));
    const { plan: domainPlan, existing } = await this.domains.planEntries(organizationId, entries);
    const plannedDomains = new Map<string, { clientKey: string; client: string }>();
    const invalidDomains = new Map<string, string>();
    const domains: ImportDomainData[] = [];
    for (const line of domainPlan.lines) {
      const entry = entries[line.line - 1]!;
      if (line.status === 'invalid') {
        report.domains.invalid.push({ name: entry.name, reason: line.reason ?? 'invalid' });
        invalidDomains.set(entry.name.trim().toLowerCase(), line.reason ?? 'invalid');
      } else if (line.status === 'duplicate') {
        const name = line.domain!;
        if (existing.has(name)) report.domains.existing.push(name);
        else {
          // The planner keeps the first of a name: later ones are reported, not imported.
          const first = plannedDomains.get(name);
          report.domains.invalid.push({ name, reason: `listed twice in the document${first ? ` (first under client "${first.client}")` : ''}` });
        }
      } else {
        const name = line.domain!;
        const key = clientKey(entry.client);
        plannedDomains.set(name, { clientKey: key, client: entry.client });
        report.domains.created.push(name);
        const existingClient = storedClients.get(key);
        const base = { name, tags: line.tags ?? [], checkIntervalMinutes: entry.domain.checkIntervalMinutes, paused: entry.domain.paused };
        domains.push(existingClient ? { ...base, clientId: existingClient.id } : { ...base, newClient: listedClients.get(key)!.name });
      }
    }

    const storedDomains = new Map(stored.flatMap((c) => c.domains.map((d) => [d.name, { id: d.id, client: c }] as const)));
    const resolve = (scope: ConfigScope, path: string): Target | null => {
      if (scope.domain !== undefined) {
        const normalized = normalizeDomain(scope.domain);
        if (!normalized.ok) {
          issues.push({ path: `${path}.domain`, message: normalized.reason });
          return null;
        }
        const name = normalized.domain;
        const found = storedDomains.get(name);
        if (found) return { kind: 'domain', name, id: found.id, client: { key: clientKey(found.client.name), id: found.client.id } };
        const planned = plannedDomains.get(name);
        if (planned) return { kind: 'domain', name, client: { key: planned.clientKey, ...idOf(storedClients.get(planned.clientKey)) } };
        const invalid = invalidDomains.get(scope.domain.trim().toLowerCase());
        issues.push({ path: `${path}.domain`, message: `No domain "${scope.domain}" in this document or this organization${invalid ? ` (the document's is invalid: ${invalid})` : ''}` });
        return null;
      }
      if (scope.client !== undefined) {
        const key = clientKey(scope.client);
        const found = storedClients.get(key);
        if (found) return { kind: 'client', key, name: found.name, id: found.id };
        const listed = listedClients.get(key);
        if (listed) return { kind: 'client', key, name: listed.name };
        issues.push({ path: `${path}.client`, message: `No client "${scope.client}" in this document or this organization` });
        return null;
      }
      return { kind: 'organization' };
    };

    // Alert policies: one per scope; the inheritance rule of PUT /api/alert-policies applied to the state after the import.
    const storedPolicies = new Map((await this.policies.get(organizationId, {})).policies.map((p) => [policyKeyOfRow(p), p] as const));
    const storedPolicy = (key: string): AlertPolicyView | undefined => storedPolicies.get(key);
    const listedPolicies = new Map<string, { index: number; policy: ConfigPolicy; target: Target }>();
    document.alertPolicies.forEach((policy, index) => {
      const target = resolve(policy.scope, `alertPolicies.${index}.scope`);
      if (!target) return;
      const key = policyKey(target);
      const earlier = listedPolicies.get(key);
      if (earlier) issues.push({ path: `alertPolicies.${index}.scope`, message: `A policy for this scope is already at alertPolicies.${earlier.index}` });
      else listedPolicies.set(key, { index, policy, target });
    });
    const layerAt = (key: string): PolicyLayer | null => {
      const listed = listedPolicies.get(key);
      if (listed) return layerOf(listed.policy);
      const row = storedPolicy(key);
      return row ? { ...row.thresholds, types: row.types } : null;
    };
    const policies: PlannedPolicy[] = [];
    for (const [key, { index, policy, target }] of listedPolicies) {
      const wider: Array<PolicyLayer | null> = [];
      if (target.kind !== 'organization') wider.push(layerAt('org'));
      if (target.kind === 'domain') wider.push(layerAt(policyKey({ kind: 'client', key: target.client.key, name: '', ...idOf(target.client) })));
      const problem = inheritedThresholdsProblem([...wider, layerOf(policy)]);
      if (problem) issues.push({ path: `alertPolicies.${index}.thresholds.lookupWarn`, message: problem.message });
      const row = storedPolicy(key);
      const status = !row ? 'created' : samePolicy({ ...row.thresholds, types: row.types }, layerOf(policy)) ? 'unchanged' : 'updated';
      report.policies[status].push(scopeRef(target));
      policies.push({ target, policy, status });
    }

    // Channels: by name (regardless of case); as many of a name as the organization has are "existing".
    const storedChannels = await this.channels.list(organizationId);
    const remaining = new Map<string, number>();
    for (const ch of storedChannels) remaining.set(ch.name.trim().toLowerCase(), (remaining.get(ch.name.trim().toLowerCase()) ?? 0) + 1);
    const channels: PlannedChannel[] = [];
    document.notificationChannels.forEach((channel, index) => {
      const key = channel.name.trim().toLowerCase();
      const left = remaining.get(key) ?? 0;
      if (left > 0) {
        remaining.set(key, left - 1);
        report.channels.existing.push(channel.name);
        return;
      }
      const target = resolve(channel.binding, `notificationChannels.${index}.binding`);
      if (!target) return;
      report.channels.created.push(channel.name);
      channels.push({ target, channel });
    });

    // Report schedule: set when given and different.
    let schedule: ImportPlan['schedule'] = null;
    if (document.reportSchedule) {
      const problem = this.schedule.problem({ cron: document.reportSchedule.cron });
      if (problem) issues.push({ path: 'reportSchedule.cron', message: problem });
      const current = await this.schedule.get(organizationId);
      const wanted = { cron: document.reportSchedule.cron.trim(), enabled: document.reportSchedule.enabled };
      if (current.cron !== wanted.cron || current.enabled !== wanted.enabled) {
        schedule = wanted;
        report.schedule = 'updated';
      }
    }

    if (issues.length > 0) throw new AppError('validation_failed', `Nothing was imported: ${describeIssues(issues)}`, { issues });
    return { report, newClients, domains, policies, channels, schedule };
  }
}

/** Format and version first (one clear sentence for a wrong file), then every field. */
function parseDocument(body: unknown): ConfigDocument {
  const wrongFile = configFormatProblem(body);
  if (wrongFile) throw new AppError('validation_failed', wrongFile.message, { issues: [wrongFile] });
  const parsed = configDocumentSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = toValidationIssues(parsed.error);
  throw new AppError('validation_failed', `Invalid configuration document: ${describeIssues(issues)}`, { issues });
}

function idOf(row: { id?: string | undefined } | undefined): { id?: string } {
  return row?.id ? { id: row.id } : {};
}

/** A scope's key: stored ids where they exist, else the names the import creates. */
function policyKey(target: Target): string {
  if (target.kind === 'organization') return 'org';
  if (target.kind === 'client') return target.id ? `client:${target.id}` : `new-client:${target.key}`;
  return target.id ? `domain:${target.id}` : `new-domain:${target.name}`;
}

function policyKeyOfRow(row: { clientId: string | null; domainId: string | null }): string {
  return row.domainId ? `domain:${row.domainId}` : row.clientId ? `client:${row.clientId}` : 'org';
}

function scopeRef(target: Target): ConfigScopeRef {
  return target.kind === 'organization' ? {} : target.kind === 'client' ? { client: target.name } : { domain: target.name };
}

function thresholdsOf(policy: ConfigPolicy): Pick<AlertPolicyWrite, 'lookupWarn' | 'lookupLimit' | 'tempErrorChecks' | 'voidLimit'> {
  const t = policy.thresholds;
  return { lookupWarn: t.lookupWarn ?? null, lookupLimit: t.lookupLimit ?? null, tempErrorChecks: t.tempErrorChecks ?? null, voidLimit: t.voidLimit ?? null };
}

function layerOf(policy: ConfigPolicy): PolicyLayer {
  return { ...thresholdsOf(policy), types: policy.types };
}

/** Organization first, then clients', then domains' (each in stored order). */
function sortPolicies(rows: readonly AlertPolicyView[]): AlertPolicyView[] {
  const rank = (p: AlertPolicyView): number => (p.domainId ? 2 : p.clientId ? 1 : 0);
  return [...rows].sort((a, b) => rank(a) - rank(b));
}
