import { Inject, Injectable } from '@nestjs/common';
import { alertTypeSettingsSchema, type AlertPolicyQuery, type AlertTypeSettings, type PutAlertPolicyBody, putAlertPolicySchema } from '@spfwatch/contracts';
import { alertPolicyScopeKey } from '@spfwatch/db';
import { AppError, notFound } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import type { Tx } from '../checks/db-transaction';
import { mergePolicies, type EffectivePolicy, type PolicyLayer } from './alert-policy';
import { AlertPoliciesRepository, type AlertPolicyRow, type AlertPolicyWrite } from './alert-policies.repository';

export interface AlertPolicyView {
  id: string;
  scope: 'organization' | 'client' | 'domain';
  clientId: string | null;
  domainId: string | null;
  thresholds: { lookupWarn: number | null; lookupLimit: number | null; tempErrorChecks: number | null; voidLimit: number | null };
  types: AlertTypeSettings;
  updatedAt: Date;
}

export interface AlertPoliciesView {
  /** The policy that applies at the asked scope (organization when none), every field resolved. */
  effective: EffectivePolicy;
  /** The stored policies that make it, widest first (or all of the organization's when no scope is asked). */
  policies: AlertPolicyView[];
}

@Injectable()
export class AlertPoliciesService {
  constructor(
    @Inject(AlertPoliciesRepository) private readonly repo: AlertPoliciesRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** The merged policy for a domain (organization → client → domain). */
  async effective(organizationId: string, scope: { clientId?: string | null; domainId?: string | null }, tx?: Tx): Promise<EffectivePolicy> {
    const rows = await this.repo.findChain(organizationId, scope, tx);
    return mergePolicies(orderChain(rows).map(toLayer));
  }

  /**
   * Merged policies for many domains with one query (a check batch). Keyed by domain id.
   */
  async effectiveMany(tx: Tx, domains: ReadonlyArray<{ organizationId: string; clientId: string; domainId: string }>): Promise<Map<string, EffectivePolicy>> {
    const out = new Map<string, EffectivePolicy>();
    if (domains.length === 0) return out;
    const keys = ['org', ...domains.flatMap((d) => [alertPolicyScopeKey({ clientId: d.clientId }), alertPolicyScopeKey({ domainId: d.domainId })])];
    const rows = await this.repo.findScopes(tx, domains.map((d) => d.organizationId), keys);
    const byKey = new Map(rows.map((r) => [`${r.organizationId}|${r.scopeKey}`, r]));
    for (const d of domains) {
      const chain = [
        byKey.get(`${d.organizationId}|org`),
        byKey.get(`${d.organizationId}|${alertPolicyScopeKey({ clientId: d.clientId })}`),
        byKey.get(`${d.organizationId}|${alertPolicyScopeKey({ domainId: d.domainId })}`),
      ];
      out.set(d.domainId, mergePolicies(chain.map((row) => (row ? toLayer(row) : null))));
    }
    return out;
  }

  async get(organizationId: string, query: AlertPolicyQuery): Promise<AlertPoliciesView> {
    let scope: { clientId?: string; domainId?: string } = {};
    if (query.domainId) {
      const domain = await this.repo.findDomainScope(organizationId, query.domainId);
      if (!domain) throw notFound('Domain', query.domainId);
      scope = { clientId: domain.clientId, domainId: query.domainId };
    } else if (query.clientId) {
      if (!(await this.repo.clientExists(organizationId, query.clientId))) throw notFound('Client', query.clientId);
      scope = { clientId: query.clientId };
    }
    const chain = orderChain(await this.repo.findChain(organizationId, scope));
    const policies = query.clientId || query.domainId ? chain : await this.repo.listAll(organizationId);
    return { effective: mergePolicies(chain.map(toLayer)), policies: orderChain(policies).map(toView) };
  }

  /** Replaces the policy of one scope (absent thresholds and types inherit). */
  async put(organizationId: string, input: PutAlertPolicyBody): Promise<AlertPoliciesView> {
    const body = putAlertPolicySchema.parse(input);
    const { clientId, domainId } = body.scope;
    let queryScope: AlertPolicyQuery = {};
    let chainScope: { clientId?: string; domainId?: string } = {};
    if (domainId) {
      const domain = await this.repo.findDomainScope(organizationId, domainId);
      if (!domain) throw notFound('Domain', domainId);
      queryScope = { domainId };
      chainScope = { clientId: domain.clientId, domainId };
    } else if (clientId) {
      if (!(await this.repo.clientExists(organizationId, clientId))) throw notFound('Client', clientId);
      queryScope = chainScope = { clientId };
    }
    // The wider scopes stay as they are; this scope's policy is replaced.
    const wider = orderChain(await this.repo.findChain(organizationId, chainScope)).filter((row) => scopeOf(row) !== scopeOf(body.scope));
    const problem = inheritedThresholdsProblem([...wider.map(toLayer), { ...body.thresholds, types: body.types }]);
    if (problem) throw new AppError('validation_failed', problem.summary, { issues: [{ path: 'thresholds.lookupWarn', message: problem.message }] });
    await this.repo.upsert(organizationId, {
      clientId: domainId ? null : (clientId ?? null),
      domainId: domainId ?? null,
      lookupWarn: body.thresholds.lookupWarn ?? null,
      lookupLimit: body.thresholds.lookupLimit ?? null,
      tempErrorChecks: body.thresholds.tempErrorChecks ?? null,
      voidLimit: body.thresholds.voidLimit ?? null,
      overrides: body.types,
    });
    await this.audit.record({
      action: 'policy.updated',
      target: domainId ? { type: 'domain', id: domainId } : clientId ? { type: 'client', id: clientId } : { type: 'organization', id: organizationId },
      details: { thresholds: body.thresholds, types: body.types },
    });
    return this.get(organizationId, queryScope);
  }

  /**
   * Writes many scopes' policies in the caller's transaction (a configuration import), each
   * replacing the stored one of its scope. Checked by the caller with `inheritedThresholdsProblem`;
   * no audit entry (the caller records its own).
   */
  async writeMany(tx: Tx, organizationId: string, policies: readonly AlertPolicyWrite[]): Promise<void> {
    for (const policy of policies) await this.repo.upsert(organizationId, policy, tx);
  }
}

/**
 * The rule PUT applies: once inherited values are merged in (the layers widest first, the
 * policy being written last), lookupWarn must not exceed lookupLimit. Null when it holds.
 */
export function inheritedThresholdsProblem(layers: ReadonlyArray<PolicyLayer | null | undefined>): { summary: string; message: string } | null {
  const { thresholds } = mergePolicies(layers);
  if (thresholds.lookupWarn <= thresholds.lookupLimit) return null;
  return {
    summary: `lookupWarn (${thresholds.lookupWarn}) must not exceed lookupLimit (${thresholds.lookupLimit}) once inherited values are applied`,
    message: `must not exceed the effective lookupLimit ${thresholds.lookupLimit}`,
  };
}

/** Whether two policies of one scope say the same (thresholds, and types regardless of key order). */
export function samePolicy(a: PolicyLayer, b: PolicyLayer): boolean {
  const keys = ['lookupWarn', 'lookupLimit', 'tempErrorChecks', 'voidLimit'] as const;
  if (keys.some((k) => (a[k] ?? null) !== (b[k] ?? null))) return false;
  const types = (layer: PolicyLayer): string =>
    JSON.stringify(
      Object.entries(typesOf(layer.types ?? {}))
        .filter(([, setting]) => setting && (setting.enabled !== undefined || setting.severity !== undefined))
        .map(([type, setting]) => [type, setting?.enabled ?? null, setting?.severity ?? null])
        .sort(([x], [y]) => String(x).localeCompare(String(y))),
    );
  return types(a) === types(b);
}

function scopeOf(row: { clientId?: string | null; domainId?: string | null }): AlertPolicyView['scope'] {
  return row.domainId ? 'domain' : row.clientId ? 'client' : 'organization';
}

const SCOPE_ORDER = { organization: 0, client: 1, domain: 2 } as const;

function orderChain<T extends { clientId: string | null; domainId: string | null }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => SCOPE_ORDER[scopeOf(a)] - SCOPE_ORDER[scopeOf(b)]);
}

/** Stored overrides are JSON: keep only what the schema accepts. */
function typesOf(overrides: unknown): AlertTypeSettings {
  const parsed = alertTypeSettingsSchema.safeParse(overrides);
  return parsed.success ? parsed.data : {};
}

function toLayer(row: AlertPolicyRow): PolicyLayer {
  return { lookupWarn: row.lookupWarn, lookupLimit: row.lookupLimit, tempErrorChecks: row.tempErrorChecks, voidLimit: row.voidLimit, types: typesOf(row.overrides) };
}

function toView(row: AlertPolicyRow): AlertPolicyView {
  return {
    id: row.id,
    scope: scopeOf(row),
    clientId: row.clientId,
    domainId: row.domainId,
    thresholds: { lookupWarn: row.lookupWarn, lookupLimit: row.lookupLimit, tempErrorChecks: row.tempErrorChecks, voidLimit: row.voidLimit },
    types: typesOf(row.overrides),
    updatedAt: row.updatedAt,
  };
}
