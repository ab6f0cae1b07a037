import { Injectable } from '@nestjs/common';
import { alertPolicyScopeKey, Prisma } from '@spfwatch/db';
import { PrismaService } from '../../prisma/prisma.service';
import type { Tx } from '../checks/db-transaction';

export interface AlertPolicyRow {
  id: string;
  clientId: string | null;
  domainId: string | null;
  lookupWarn: number | null;
  lookupLimit: number | null;
  tempErrorChecks: number | null;
  voidLimit: number | null;
  overrides: unknown;
  updatedAt: Date;
}

export interface AlertPolicyWrite {
  clientId: string | null;
  domainId: string | null;
  lookupWarn: number | null;
  lookupLimit: number | null;
  tempErrorChecks: number | null;
  voidLimit: number | null;
  overrides: Record<string, unknown>;
}

const POLICY_SELECT = {
  id: true,
  clientId: true,
  domainId: true,
  lookupWarn: true,
  lookupLimit: true,
  tempErrorChecks: true,
  voidLimit: true,
  overrides: true,
  updatedAt: true,
} satisfies Prisma.AlertPolicySelect;

@Injectable()
export class AlertPoliciesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The organization's, the client's and the domain's policies (those that exist). */
  async findChain(organizationId: string, scope: { clientId?: string | null; domainId?: string | null }, tx?: Tx): Promise<AlertPolicyRow[]> {
    const keys = ['org'];
    if (scope.clientId) keys.push(alertPolicyScopeKey({ clientId: scope.clientId }));
    if (scope.domainId) keys.push(alertPolicyScopeKey({ domainId: scope.domainId }));
    return (tx ?? this.prisma).alertPolicy.findMany({ where: { organizationId, scopeKey: { in: keys } }, select: POLICY_SELECT });
  }

  /** The policies of many scopes at once (a check batch): rows carry their organization and scope key. */
  async findScopes(tx: Tx, organizationIds: readonly string[], scopeKeys: readonly string[]): Promise<Array<AlertPolicyRow & { organizationId: string; scopeKey: string }>> {
    return tx.alertPolicy.findMany({
      where: { organizationId: { in: [...new Set(organizationIds)] }, scopeKey: { in: [...new Set(scopeKeys)] } },
      select: { ...POLICY_SELECT, organizationId: true, scopeKey: true },
    });
  }

  async listAll(organizationId: string): Promise<AlertPolicyRow[]> {
    return this.prisma.alertPolicy.findMany({ where: { organizationId }, orderBy: [{ scopeKey: 'asc' }], select: POLICY_SELECT });
  }

  /** In `tx` when given (a configuration import's transaction). */
  async upsert(organizationId: string, policy: AlertPolicyWrite, tx?: Tx): Promise<AlertPolicyRow> {
    const scopeKey = alertPolicyScopeKey(policy);
    const data = {
      lookupWarn: policy.lookupWarn,
      lookupLimit: policy.lookupLimit,
      tempErrorChecks: policy.tempErrorChecks,
      voidLimit: policy.voidLimit,
      overrides: policy.overrides as Prisma.InputJsonValue,
    };
    return (tx ?? this.prisma).alertPolicy.upsert({
      where: { organizationId_scopeKey: { organizationId, scopeKey } },
      create: { organizationId, scopeKey, clientId: policy.clientId, domainId: policy.domainId, ...data },
      update: data,
      select: POLICY_SELECT,
    });
  }

  async clientExists(organizationId: string, clientId: string): Promise<boolean> {
    return (await this.prisma.client.count({ where: { id: clientId, organizationId } })) > 0;
  }

  async findDomainScope(organizationId: string, domainId: string): Promise<{ clientId: string } | null> {
    return this.prisma.domain.findFirst({ where: { id: domainId, organizationId }, select: { clientId: true } });
  }
}
