import { Inject, Injectable } from '@nestjs/common';
import type { AcceptInvitationInput, CreateInvitationInput } from '@spfwatch/contracts';
import { PASSWORD_MIN_LENGTH } from '@spfwatch/contracts';
import { verifyPassword } from '../../common/auth/passwords';
import type { Principal } from '../../common/auth/request-scope';
import { roleAtLeast } from '../../common/auth/roles';
import { randomSecret, sha256Hex } from '../../common/auth/secrets';
import { CLOCK, type Clock } from '../../common/clock';
import { AppError, notFound } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { LOGIN_FAILED, type ClientInfo } from '../auth/auth.service';
import { LoginThrottleService } from '../auth/login-throttle.service';
import { type StartedSession, SessionsService } from '../auth/sessions.service';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { type InvitationRow, InvitationsRepository } from './invitations.repository';

export const INVITATION_TTL_MS = 7 * 86_400_000;

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

export function invitationStatus(row: Pick<InvitationRow, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now: Date): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

const GONE = 'Invitation not found, expired or already used';

@Injectable()
export class InvitationsService {
  constructor(
    private readonly repository: InvitationsRepository,
    private readonly users: UsersRepository,
    private readonly accounts: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Owners and admins invite; nobody grants a role above their own. The token is returned
   * once (for the link); only its hash is stored. A new invitation for the same email
   * replaces the pending one.
   */
  async create(inviter: Principal, input: CreateInvitationInput): Promise<InvitationRow & { token: string }> {
    if (!roleAtLeast(inviter.role, input.role)) throw new AppError('forbidden', `A ${inviter.role} cannot invite someone as ${input.role}`);
    const clientIds = input.role === 'client_viewer' ? [...new Set(input.clientIds ?? [])] : [];
    await this.accounts.assertClientsOf(inviter.organizationId, clientIds);
    if (await this.repository.isMember(inviter.organizationId, input.email)) throw new AppError('conflict', `${input.email} is already a member`);
    const now = this.clock.now();
    const token = randomSecret();
    const row = await this.repository.createSuperseding({
      organizationId: inviter.organizationId,
      email: input.email,
      role: input.role,
      clientIds,
      tokenHash: sha256Hex(token),
      invitedById: inviter.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    });
    await this.audit.record({ action: 'user.invited', target: { type: 'invitation', id: row.id, label: row.email }, details: { role: row.role, ...(clientIds.length > 0 ? { clientIds } : {}) } });
    return { ...row, token };
  }

  list(organizationId: string): Promise<InvitationRow[]> {
    return this.repository.list(organizationId);
  }

  async revoke(organizationId: string, id: string): Promise<void> {
    const invitation = await this.repository.findById(organizationId, id);
    if (!invitation) throw notFound('Invitation', id);
    if (!(await this.repository.revoke(organizationId, id, this.clock.now()))) throw new AppError('conflict', 'The invitation was already used or revoked');
    await this.audit.record({ action: 'invitation.revoked', target: { type: 'invitation', id, label: invitation.email } });
  }

  /** What the accept page shows; 404 for an unknown, used, revoked or expired token. */
  async preview(token: string): Promise<InvitationRow & { organizationName: string; existingAccount: boolean }> {
    const invitation = await this.pending(token);
    return { ...invitation, existingAccount: (await this.users.findByEmail(invitation.email)) !== null };
  }

  /**
   * Accepts: a new account (name + a password of 12+ characters), or — when the email has an
   * account already — that account after checking its password (throttled like sign-in).
   * Then the membership and a session in the inviting organization.
   */
  async accept(token: string, input: AcceptInvitationInput, client: ClientInfo): Promise<{ session: StartedSession; userId: string }> {
    const invitation = await this.pending(token);
    const existing = await this.users.findByEmail(invitation.email);
    const membership = { organizationId: invitation.organizationId, role: invitation.role, clientIds: invitation.clientIds };
    let userId: string;
    if (existing) {
      const ip = client.ip ?? 'unknown';
      const throttled = await this.throttle.check(existing.email, ip);
      if (throttled.blocked) throw new AppError('too_many_requests', `Too many failed sign-ins: try again in ${throttled.retryAfterSeconds} s`, { retryAfterSeconds: throttled.retryAfterSeconds });
      if (existing.disabled || !(await verifyPassword(existing.passwordHash, input.password))) {
        await this.throttle.recordFailure(existing.email, ip);
        throw new AppError('unauthorized', LOGIN_FAILED);
      }
      await this.claim(invitation.id);
      await this.accounts.addMembership(existing.id, membership).catch(async (error: unknown) => {
        await this.repository.unmarkAccepted(invitation.id);
        throw error;
      });
      userId = existing.id;
    } else {
      const issues = [
        ...(input.name ? [] : [{ path: 'name', message: 'Required' }]),
        ...(input.password.length >= PASSWORD_MIN_LENGTH ? [] : [{ path: 'password', message: `At least ${PASSWORD_MIN_LENGTH} characters` }]),
      ];
      if (issues.length > 0) throw new AppError('validation_failed', `Invalid request body: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
      await this.claim(invitation.id);
      const created = await this.accounts
        .createAccount({ email: invitation.email, name: input.name!, password: input.password, ...membership })
        .catch(async (error: unknown) => {
          await this.repository.unmarkAccepted(invitation.id);
          throw error;
        });
      userId = created.id;
    }
    const session = await this.sessions.start(userId, invitation.organizationId, client);
    await this.audit.record({
      action: 'invitation.accepted',
      organizationId: invitation.organizationId,
      actor: { type: 'user', id: userId, label: invitation.email },
      target: { type: 'invitation', id: invitation.id, label: invitation.email },
      details: { role: invitation.role, newAccount: !existing },
    });
    return { session, userId };
  }

  private async pending(token: string): Promise<InvitationRow & { organizationName: string }> {
    if (token.length < 20 || token.length > 100) throw new AppError('not_found', GONE);
    const invitation = await this.repository.findByTokenHash(sha256Hex(token));
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= this.clock.now()) throw new AppError('not_found', GONE);
    return invitation;
  }

  private async claim(id: string): Promise<void> {
    if (!(await this.repository.markAccepted(id, this.clock.now()))) throw new AppError('not_found', GONE);
  }
}
