import { Injectable } from '@nestjs/common';
import type { CreateClientInput, UpdateClientInput } from '@spfwatch/contracts';
import { AppError, notFound } from '../../common/errors';
import { isUniqueViolation } from '../../prisma/prisma-errors';
import { type ClientRow, ClientsRepository, type StatusCounts } from './clients.repository';

export interface ClientWithCounts extends ClientRow {
  counts: StatusCounts;
}

@Injectable()
export class ClientsService {
  constructor(private readonly repository: ClientsRepository) {}

  async list(organizationId: string): Promise<ClientWithCounts[]> {
    const [clients, counts] = await Promise.all([
      this.repository.listByName(organizationId),
      this.repository.countDomainsByStatus(organizationId),
    ]);
    return clients.map((client) => ({ ...client, counts: counts.get(client.id) ?? {} }));
  }

  async get(organizationId: string, id: string): Promise<ClientWithCounts> {
    const client = await this.repository.findById(organizationId, id);
    if (!client) throw notFound('Client', id);
    const counts = await this.repository.countDomainsByStatus(organizationId, id);
    return { ...client, counts: counts.get(id) ?? {} };
  }

  async create(organizationId: string, input: CreateClientInput): Promise<ClientWithCounts> {
    await this.assertNameFree(organizationId, input.name);
    try {
      const client = await this.repository.create(organizationId, input);
      return { ...client, counts: {} };
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName(input.name);
      throw error;
    }
  }

  async update(organizationId: string, id: string, input: UpdateClientInput): Promise<ClientWithCounts> {
    if (input.name !== undefined) await this.assertNameFree(organizationId, input.name, id);
    let client: ClientRow | null;
    try {
      client = await this.repository.update(organizationId, id, input);
    } catch (error) {
      if (isUniqueViolation(error) && input.name !== undefined) throw duplicateName(input.name);
      throw error;
    }
    if (!client) throw notFound('Client', id);
    const counts = await this.repository.countDomainsByStatus(organizationId, id);
    return { ...client, counts: counts.get(id) ?? {} };
  }

  /** Refuses (409) while the client has domains, unless `force` (then they are deleted too). */
  async delete(organizationId: string, id: string, force: boolean): Promise<void> {
    const client = await this.repository.findById(organizationId, id);
    if (!client) throw notFound('Client', id);
    if (!force) {
      const domainCount = await this.repository.countDomains(organizationId, id);
      if (domainCount > 0) {
        throw new AppError(
          'conflict',
          `Client "${client.name}" still has ${domainCount} domain(s): delete them first or use ?force=true`,
          { domainCount },
        );
      }
    }
    if (!(await this.repository.delete(organizationId, id))) throw notFound('Client', id);
  }

  private async assertNameFree(organizationId: string, name: string, exceptId?: string): Promise<void> {
    const existing = await this.repository.findByNameInsensitive(organizationId, name, exceptId);
    if (existing) throw duplicateName(existing.name, existing.id);
  }
}

function duplicateName(name: string, existingId?: string): AppError {
  return new AppError('conflict', `A client named "${name}" already exists`, existingId ? { existingId } : undefined);
}
