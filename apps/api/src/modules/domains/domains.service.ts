import { Readable, pipeline } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type CreateDomainInput,
  EXPORT_COLUMNS,
  type FleetFilters,
  IMPORT_MAX_CHARS,
  IMPORT_MAX_LINES,
  type ImportReport,
  type UpdateDomainInput,
} from '@spfwatch/contracts';
import { normalizeDomain } from '@spfwatch/spf';
import { stringify } from 'csv-stringify';
import { CLOCK, type Clock } from '../../common/clock';
import { AppError, notFound } from '../../common/errors';
import type { Tx } from '../checks/db-transaction';
import { isRawUniqueViolation, isUniqueViolation } from '../../prisma/prisma-errors';
import { AuditService } from '../audit/audit.service';
import { toDomainFilter, toServiceIds } from '../fleet/resolve-filters';
import { type DomainDetailRow, type DomainRow, DomainsRepository, type ExportRow, type ImportClientData, type ImportDomainData, type ImportedIds } from './domains.repository';
import { type ParsedImportLine, parseImport } from './import/parse-import';
import { type DefaultClient, type ImportPlan, planImport } from './import/plan-import';

export interface ImportOptions {
  text: string;
  dryRun?: boolean;
  defaultClient?: string;
  defaultClientId?: string;
}

/** Rows the export reads per query while streaming. */
const EXPORT_BATCH = 1_000;

@Injectable()
export class DomainsService {
  private readonly logger = new Logger(DomainsService.name);

  constructor(
    private readonly repository: DomainsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  list(organizationId: string, page: number, pageSize: number): Promise<{ rows: DomainRow[]; total: number }> {
    return this.repository.listByName(organizationId, page, pageSize);
  }

  async get(organizationId: string, id: string): Promise<DomainDetailRow> {
    const domain = await this.repository.findByIdIncludeLatestSnapshot(organizationId, id);
    if (!domain) throw notFound('Domain', id);
    return domain;
  }

  /** The name is normalised by the engine; the domain is due at once so the scheduler checks it promptly. */
  async create(organizationId: string, input: CreateDomainInput): Promise<DomainRow> {
    const normalized = normalizeDomain(input.name);
    if (!normalized.ok) throw invalidField('body', 'name', normalized.reason);
    await this.assertClient(organizationId, input.clientId);
    const name = normalized.domain;
    await this.assertNameFree(organizationId, name);
    try {
      const now = this.clock.now();
      const created = await this.repository.create(organizationId, {
        clientId: input.clientId,
        name,
        tags: input.tags ?? [],
        ...(input.checkIntervalMinutes !== undefined ? { checkIntervalMinutes: input.checkIntervalMinutes } : {}),
        ...(input.paused !== undefined ? { paused: input.paused } : {}),
        nextCheckAt: now,
        createdAt: now,
      });
      await this.audit.record({ action: 'domain.created', target: { type: 'domain', id: created.id, label: created.name }, details: { client: created.client.name } });
      return created;
    } catch (error) {
      // Created by someone else between the check and the insert.
      if (isUniqueViolation(error)) await this.assertNameFree(organizationId, name);
      throw error;
    }
  }

  /**
   * Tags are replaced as a whole. A shorter interval brings the next check forward (to the last
   * check plus the new interval, or now), so a domain moved to 5 minutes is not left waiting a week.
   */
  async update(organizationId: string, id: string, input: UpdateDomainInput): Promise<DomainRow> {
    const current = await this.repository.findById(organizationId, id);
    if (!current) throw notFound('Domain', id);
    if (input.clientId !== undefined && input.clientId !== current.client.id) await this.assertClient(organizationId, input.clientId);
    let nextCheckAt: Date | undefined;
    if (input.checkIntervalMinutes !== undefined && input.checkIntervalMinutes !== current.checkIntervalMinutes) {
      const base = current.lastCheckedAt ?? this.clock.now();
      const due = new Date(base.getTime() + input.checkIntervalMinutes * 60_000);
      if (due < current.nextCheckAt) nextCheckAt = due;
    }
    const updated = await this.repository.update(organizationId, id, {
      ...(input.clientId !== undefined ? { clientId: input.clientId } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
      ...(input.checkIntervalMinutes !== undefined ? { checkIntervalMinutes: input.checkIntervalMinutes } : {}),
      ...(input.paused !== undefined ? { paused: input.paused } : {}),
      ...(nextCheckAt ? { nextCheckAt } : {}),
    });
    if (!updated) throw notFound('Domain', id);
    await this.audit.record({ action: 'domain.updated', target: { type: 'domain', id, label: updated.name }, details: { changed: Object.keys(input).filter((k) => input[k as keyof UpdateDomainInput] !== undefined) } });
    return updated;
  }

  async delete(organizationId: string, id: string): Promise<void> {
    const domain = await this.repository.findById(organizationId, id);
    if (!domain || !(await this.repository.delete(organizationId, id))) throw notFound('Domain', id);
    await this.audit.record({ action: 'domain.deleted', target: { type: 'domain', id, label: domain.name }, details: { client: domain.client.name } });
  }

  /**
   * Bulk import: every line gets a verdict (created / duplicate / invalid + reason). All new
   * clients and domains are written in one transaction, so a failure keeps nothing; a dry run
   * writes nothing and answers the same report.
   */
  async import(organizationId: string, options: ImportOptions): Promise<ImportReport> {
    const dryRun = options.dryRun ?? false;
    if (options.text.length > IMPORT_MAX_CHARS) {
      throw new AppError('payload_too_large', `The import is ${options.text.length} characters long; the limit is ${IMPORT_MAX_CHARS}. Split it into several imports.`);
    }
    const parsed = parseImport(options.text);
    if (parsed.lines.length === 0) throw invalidField('body', 'text', 'Nothing to import: no domain lines (blank lines and # comments are ignored)');
    if (parsed.lines.length > IMPORT_MAX_LINES) {
      throw new AppError(
        'payload_too_large',
        `The import has ${parsed.lines.length} lines; the limit is ${IMPORT_MAX_LINES.toLocaleString('en-US')} per import. Split it into several imports.`,
        { lines: parsed.lines.length, limit: IMPORT_MAX_LINES },
      );
    }

    const [clients, defaultClient] = await Promise.all([this.repository.listClients(organizationId), this.defaultClient(organizationId, options)]);
    const candidates = new Set<string>();
    for (const line of parsed.lines) {
      const n = line.domain !== undefined ? normalizeDomain(line.domain) : null;
      if (n?.ok) candidates.add(n.domain);
    }
    const existingDomains = await this.repository.findExistingNames(organizationId, [...candidates]);
    const plan = planImport(parsed.lines, { clients, existingDomains, ...(defaultClient ? { defaultClient } : {}) });

    if (!dryRun && plan.domains.length > 0) {
      const domains: ImportDomainData[] = plan.domains.map((d) => {
        const clientId = plan.existingClientIds.get(d.clientKey);
        return clientId !== undefined ? { name: d.name, tags: d.tags, clientId } : { name: d.name, tags: d.tags, newClient: plan.newClients.get(d.clientKey)! };
      });
      const now = this.clock.now();
      try {
        await this.repository.importDomains(organizationId, { newClients: [...plan.newClients.values()].map((name) => ({ name })), domains, nextCheckAt: now, createdAt: now });
      } catch (error) {
        if (isUniqueViolation(error) || isRawUniqueViolation(error)) {
          throw new AppError('conflict', 'Nothing was imported: some of these domains or clients were added by someone else meanwhile. Run the import again to see which.');
        }
        throw error;
      }
      await this.audit.record({ action: 'domains.imported', target: { type: 'domains', label: `${plan.created} domain(s)` }, details: { created: plan.created, names: plan.domains.slice(0, 100).map((d) => d.name) } });
    }
    return {
      dryRun,
      created: plan.created,
      duplicates: plan.duplicates,
      invalid: plan.invalid,
      clientsCreated: plan.created > 0 ? [...plan.newClients.values()] : [],
      lines: plan.lines,
    };
  }

  /**
   * Plans domains given as data rather than text (a configuration import) with the bulk
   * import's rules: the engine's normalisation, tags, clients matched by name regardless of
   * case, duplicates in the organization or earlier in the list. `entries[i]` is line i + 1 of
   * the plan. Also answers which of the names the organization has (name → its client's name).
   */
  async planEntries(
    organizationId: string,
    entries: ReadonlyArray<{ client: string; name: string; tags: readonly string[] }>,
  ): Promise<{ plan: ImportPlan; existing: ReadonlyMap<string, string> }> {
    const lines: ParsedImportLine[] = entries.map((e, i) => ({ line: i + 1, input: e.name, client: e.client, domain: e.name, tags: [...e.tags] }));
    const candidates = new Set<string>();
    for (const e of entries) {
      const n = normalizeDomain(e.name);
      if (n.ok) candidates.add(n.domain);
    }
    const [clients, existing] = await Promise.all([this.repository.listClients(organizationId), this.repository.findExistingNames(organizationId, [...candidates])]);
    return { plan: planImport(lines, { clients, existingDomains: existing }), existing };
  }

  /**
   * Writes planned clients and domains in the caller's transaction (the bulk import's write
   * path), due at once like every new domain. No audit entry: the caller records its own.
   */
  writeImport(tx: Tx, organizationId: string, input: { newClients: ImportClientData[]; domains: ImportDomainData[] }): Promise<ImportedIds> {
    const now = this.clock.now();
    return this.repository.importDomains(organizationId, { ...input, nextCheckAt: now, createdAt: now }, tx);
  }

  /**
   * The organization's domains (optionally filtered like the fleet list) as CSV, by name,
   * streamed: rows are read in batches while the response is written.
   */
  exportCsv(organizationId: string, filters: FleetFilters): Readable {
    const filter = toDomainFilter(filters);
    const repository = this.repository;
    async function* rows(): AsyncGenerator<Record<string, string>> {
      let after: string | null = null;
      for (;;) {
        const batch = await repository.exportBatch(organizationId, filter, after, EXPORT_BATCH);
        for (const row of batch) yield toCsvRecord(row);
        if (batch.length < EXPORT_BATCH) return;
        after = batch[batch.length - 1]!.name;
      }
    }
    const csv = stringify({ header: true, columns: [...EXPORT_COLUMNS] });
    return pipeline(Readable.from(rows()), csv, (error) => {
      if (error) this.logger.error(`CSV export failed mid-stream: ${error.message}`);
    });
  }

  private async defaultClient(organizationId: string, options: ImportOptions): Promise<DefaultClient | undefined> {
    if (options.defaultClientId !== undefined) {
      const client = await this.repository.findClient(organizationId, options.defaultClientId);
      if (!client) throw invalidField('body', 'defaultClientId', `No client ${options.defaultClientId} in this organization`);
      return { kind: 'existing', client };
    }
    return options.defaultClient !== undefined ? { kind: 'name', name: options.defaultClient } : undefined;
  }

  private async assertClient(organizationId: string, clientId: string): Promise<void> {
    if (!(await this.repository.findClient(organizationId, clientId))) throw invalidField('body', 'clientId', `No client ${clientId} in this organization`);
  }

  private async assertNameFree(organizationId: string, name: string): Promise<void> {
    const existing = await this.repository.findByName(organizationId, name);
    if (existing) throw new AppError('conflict', `${name} is already monitored (client ${existing.client.name})`, { existingId: existing.id });
  }
}

/** 400 `validation_failed` naming one field, shaped like the validation pipe's errors. */
function invalidField(where: 'body' | 'query', path: string, message: string): AppError {
  const label = where === 'body' ? 'request body' : 'query parameters';
  return new AppError('validation_failed', `Invalid ${label}: ${path}: ${message}`, { issues: [{ path, message }] });
}

function toCsvRecord(row: ExportRow): Record<string, string> {
  return {
    client: row.client.name,
    domain: row.name,
    tags: row.tags.join(';'),
    status: row.status,
    lookup_count: row.lookupCount === null ? '' : String(row.lookupCount),
    services: toServiceIds(row.latestSnapshot?.services ?? []).join(';'),
    last_checked_at: row.lastCheckedAt?.toISOString() ?? '',
    last_changed_at: row.lastChangedAt?.toISOString() ?? '',
  };
}
