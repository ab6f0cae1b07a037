import { Injectable } from '@nestjs/common';
import type { LoginInput, Role } from '@spfwatch/contracts';
import { verifyAgainstDummy, verifyPassword } from '../../common/auth/passwords';
import type { Principal } from '../../common/auth/request-scope';
import { AppError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { type MembershipSummaryRow, UsersRepository } from '../users/users.repository';
import { LoginThrottleService } from './login-throttle.service';
import { type StartedSession, SessionsService } from './sessions.service';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** `GET /api/auth/me` and the sign-in responses. */
export interface MeView {
  via: 'session' | 'token';
  user: { id: string; email: string; name: string } | null;
  tokenName: string | null;
  organization: { id: string; name: string; slug: string };
  role: Role;
  clientIds: string[] | null;
  memberships: MembershipSummaryRow[];
}

/** One message for every sign-in failure: it must not tell which emails have accounts. */
export const LOGIN_FAILED = 'Wrong email or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Email + password → a new session. Throttled per email and per IP (429, checked before the
   * password); every failure — unknown email, wrong password, disabled account, no
   * membership — answers the same 401 after the same work (a dummy hash for unknown emails).
   */
  async login(input: LoginInput, client: ClientInfo): Promise<{ session: StartedSession; principal: Principal }> {
    const ip = client.ip ?? 'unknown';
    const throttled = await this.throttle.check(input.email, ip);
    if (throttled.blocked) {
      throw new AppError('too_many_requests', `Too many failed sign-ins: try again in ${throttled.retryAfterSeconds} s`, { retryAfterSeconds: throttled.retryAfterSeconds });
    }
    const user = await this.users.findByEmail(input.email);
    const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
    const memberships = user && passwordOk && !user.disabled ? await this.users.listMemberships(user.id) : [];
    const membership = input.organization ? memberships.find((m) => m.organizationSlug === input.organization) : memberships[0];
    if (!user || !membership) {
      await this.throttle.recordFailure(input.email, ip);
      await this.recordFailure(input.email, user?.id ?? null);
      throw new AppError('unauthorized', LOGIN_FAILED);
    }
    await this.throttle.recordSuccess(input.email);
    await this.sessions.prune();
    const session = await this.sessions.start(user.id, membership.organizationId, client);
    const principal = await this.principalOf(session);
    await this.audit.record({ action: 'auth.login', organizationId: membership.organizationId, actor: principal.actor, target: { type: 'user', id: user.id, label: user.email } });
    return { session, principal };
  }

  /** The principal of a session just started (for the sign-in responses). */
  async principalOf(session: StartedSession): Promise<Principal> {
    const resolved = await this.sessions.resolve(session.secret);
    if (!resolved.ok) throw new Error('A session just started does not resolve');
    return resolved.principal;
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.sessionId) {
      await this.sessions.end(principal.sessionId);
      await this.audit.record({ action: 'auth.logout' });
    }
  }

  async me(principal: Principal): Promise<MeView> {
    const [organization, user, memberships] = await Promise.all([
      this.organizations.get(principal.organizationId),
      principal.userId ? this.users.findById(principal.userId) : Promise.resolve(null),
      principal.userId ? this.users.listMemberships(principal.userId) : Promise.resolve([]),
    ]);
    return {
      via: principal.via,
      user: user ? { id: user.id, email: user.email, name: user.name } : null,
      tokenName: principal.via === 'token' ? principal.actor.label : null,
      organization: { id: organization.id, name: organization.name, slug: organization.slug },
      role: principal.role,
      clientIds: principal.clientIds ? [...principal.clientIds] : null,
      memberships,
    };
  }

  /**
   * A failed sign-in, with the email tried (never the password): in each organization of the
   * matching account, or instance-level (no organization) for an unknown email.
   */
  private async recordFailure(email: string, userId: string | null): Promise<void> {
    const actor = { type: 'anonymous' as const, id: null, label: email };
    const organizations = userId ? (await this.users.listMemberships(userId)).map((m) => m.organizationId) : [];
    const targets = organizations.length > 0 ? organizations : [null];
    await this.audit.recordAll(targets.map((organizationId) => ({ action: 'auth.login_failed' as const, organizationId, actor })));
  }
}
