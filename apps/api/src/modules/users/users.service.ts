import { Inject, Injectable } from '@nestjs/common';
import type { Role, UpdateMemberInput } from '@spfwatch/contracts';
import { hashPassword } from '../../common/auth/passwords';
import { CLOCK, type Clock } from '../../common/clock';
import { AppError, notFound } from '../../common/errors';
import { isUniqueViolation } from '../../prisma/prisma-errors';
import { AuditService } from '../audit/audit.service';
import { type MemberRow, UsersRepository } from './users.repository';

export interface NewAccountInput {
  email: string;
  name: string;
  /** Already validated (length) by the caller's schema; hashed here. */
  password: string;
  organizationId: string;
  role: Role;
  clientIds?: readonly string[];
}

@Injectable()
export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(organizationId: string): Promise<MemberRow[]> {
    return this.repository.listMembers(organizationId);
  }

  /** Creates a user with a membership (setup, invitations, the admin CLI, demo mode). 409 when the email has an account. */
  async createAccount(input: NewAccountInput): Promise<{ id: string }> {
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.repository.createWithMembership(
        { email: input.email, name: input.name, passwordHash },
        { organizationId: input.organizationId, role: input.role, clientIds: input.clientIds ?? [] },
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'An account with this email already exists');
      throw error;
    }
  }

  /** Adds an existing user to an organization. 409 when already a member. */
  async addMembership(userId: string, membership: { organizationId: string; role: Role; clientIds?: readonly string[] }): Promise<void> {
    try {
      await this.repository.addMembership(userId, { ...membership, clientIds: membership.clientIds ?? [] });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'Already a member of this organization');
      throw error;
    }
  }

  /** 400 unless every id is a client of the organization. */
  async assertClientsOf(organizationId: string, clientIds: readonly string[]): Promise<void> {
    const unique = [...new Set(clientIds)];
    if (unique.length > 0 && (await this.repository.countClients(organizationId, unique)) !== unique.length) {
      throw new AppError('validation_failed', 'Unknown client in clientIds', { issues: [{ path: 'clientIds', message: 'Unknown client' }] });
    }
  }

  /** Owner only (route). The last owner cannot be demoted. */
  async changeRole(organizationId: string, userId: string, input: UpdateMemberInput): Promise<MemberRow> {
    const before = await this.repository.findMember(organizationId, userId);
    if (!before) throw notFound('User', userId);
    const clientIds = input.role === 'client_viewer' ? [...new Set(input.clientIds ?? [])] : [];
    await this.assertClientsOf(organizationId, clientIds);
    await this.repository.withOwnersLocked(organizationId, async (owners, tx) => {
      if (before.role === 'owner' && input.role !== 'owner' && owners <= 1) {
        throw new AppError('conflict', 'The last owner cannot be demoted: make someone else owner first');
      }
      if (!(await tx.update(userId, input.role, clientIds))) throw notFound('User', userId);
    });
    await this.audit.record({
      action: 'user.role_changed',
      target: { type: 'user', id: userId, label: before.email },
      details: { from: before.role, to: input.role, ...(clientIds.length > 0 ? { clientIds } : {}) },
    });
    return (await this.repository.findMember(organizationId, userId)) ?? before;
  }

  /**
   * Owner only (route). Removes the membership (the account stays for its other
   * organizations), ends their sessions here and revokes the API tokens they created here.
   * The last owner cannot be removed.
   */
  async remove(organizationId: string, userId: string): Promise<void> {
    const member = await this.repository.findMember(organizationId, userId);
    if (!member) throw notFound('User', userId);
    const result = await this.repository.withOwnersLocked(organizationId, async (owners, tx) => {
      if (member.role === 'owner' && owners <= 1) throw new AppError('conflict', 'The last owner cannot be removed');
      return tx.remove(userId, this.clock.now());
    });
    if (!result.removed) throw notFound('User', userId);
    await this.audit.record({
      action: 'user.removed',
      target: { type: 'user', id: userId, label: member.email },
      details: { role: member.role, revokedTokens: result.revokedTokens },
    });
  }
}
