import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuditAction, AuditQuery } from '@spfwatch/contracts';
import { type Actor, currentActor, currentScope } from '../../common/auth/request-scope';
import { CLOCK, type Clock } from '../../common/clock';
import { type AuditEventRow, AuditRepository } from './audit.repository';

export interface AuditEntry {
  action: AuditAction;
  target?: { type: string; id?: string | null; label?: string | null };
  /** Facts worth keeping (old/new role, counts …). Never secrets or passwords. */
  details?: Record<string, unknown>;
  /** Default: the current principal's organization; null = instance-level (no organization). */
  organizationId?: string | null;
  /** Default: who the current request acts as (system outside requests). */
  actor?: Actor;
}

/**
 * The audit log: who did what and when. Other modules call `record()` after a change
 * succeeded; organization, actor and IP come from the request scope. A failed write is
 * logged and swallowed: the change it describes has already happened.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly repository: AuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.recordAll([entry]);
  }

  /** Several entries at once (e.g. one failed login recorded in each of the user's organizations). */
  async recordAll(entries: AuditEntry[]): Promise<void> {
    const scope = currentScope();
    const now = this.clock.now();
    const rows = entries.map((entry) => {
      const actor = entry.actor ?? currentActor();
      return {
        organizationId: entry.organizationId === undefined ? (scope?.principal?.organizationId ?? null) : entry.organizationId,
        actorType: actor.type,
        actorId: actor.id,
        actorLabel: actor.label.slice(0, 254),
        action: entry.action,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        targetLabel: entry.target?.label?.slice(0, 500) ?? null,
        details: entry.details ?? {},
        ip: scope?.ip ?? null,
        createdAt: now,
      };
    });
    try {
      await this.repository.insertMany(rows);
    } catch (error) {
      this.logger.error(`Could not record ${entries.map((e) => e.action).join(', ')}: ${(error as Error).message}`);
    }
  }

  async list(organizationId: string, query: AuditQuery): Promise<{ items: AuditEventRow[]; total: number; page: number; pageSize: number }> {
    const includeInstance = await this.repository.isDefaultOrganization(organizationId);
    const action = query.action?.endsWith('.*') ? query.action.slice(0, -1) : query.action;
    const { items, total } = await this.repository.list(
      organizationId,
      includeInstance,
      {
        ...(action ? { action } : {}),
        ...(query.actor ? { actor: query.actor } : {}),
        ...(query.from ? { from: new Date(query.from) } : {}),
        ...(query.to ? { to: new Date(query.to) } : {}),
      },
      query.page,
      query.pageSize,
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
