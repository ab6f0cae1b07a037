import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/request-scope';
import { randomSecret, sha256Hex } from '../../common/auth/secrets';
import { CLOCK, type Clock } from '../../common/clock';
import { UsersRepository } from '../users/users.repository';
import { SessionsRepository } from './sessions.repository';

/** A session ends 12 h after its last request … */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** … and 7 days after sign-in at the latest. */
export const SESSION_ABSOLUTE_MS = 7 * 86_400_000;
/** lastSeenAt is written at most once a minute per session. */
const TOUCH_EVERY_MS = 60_000;

export interface StartedSession {
  /** The cookie value (never stored: the row's id is its sha256). */
  secret: string;
  /** The CSRF token for the `spfwatch_csrf` cookie and the `x-csrf-token` header. */
  csrfToken: string;
  expiresAt: Date;
}

export type SessionResolution = { ok: true; principal: Principal; csrfHash: string } | { ok: false; message: string };

@Injectable()
export class SessionsService {
  constructor(
    private readonly repository: SessionsRepository,
    private readonly users: UsersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async start(userId: string, organizationId: string, client: { ip: string | null; userAgent: string | null }): Promise<StartedSession> {
    const now = this.clock.now();
    const secret = randomSecret();
    const csrfToken = randomSecret();
    const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
    await this.repository.create({ id: sha256Hex(secret), userId, organizationId, csrfHash: sha256Hex(csrfToken), createdAt: now, lastSeenAt: now, expiresAt, ...client });
    return { secret, csrfToken, expiresAt };
  }

  /**
   * The principal of a session cookie: refused when unknown, expired (idle or absolute), the
   * user is disabled or no longer a member. The role is read on every request, so a role
   * change or removal applies at once.
   */
  async resolve(secret: string): Promise<SessionResolution> {
    if (secret.length < 20 || secret.length > 100) return { ok: false, message: 'Session expired or signed out: sign in again' };
    const session = await this.repository.findById(sha256Hex(secret));
    const now = this.clock.now();
    if (!session) return { ok: false, message: 'Session expired or signed out: sign in again' };
    if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS || session.user.disabled) {
      await this.repository.delete(session.id);
      return { ok: false, message: 'Session expired or signed out: sign in again' };
    }
    const membership = await this.users.findMembership(session.userId, session.organizationId);
    if (!membership) {
      await this.repository.delete(session.id);
      return { ok: false, message: 'Session expired or signed out: sign in again' };
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await this.repository.touch(session.id, now);
    return {
      ok: true,
      csrfHash: session.csrfHash,
      principal: {
        via: 'session',
        organizationId: session.organizationId,
        role: membership.role,
        clientIds: membership.role === 'client_viewer' ? membership.clientIds : null,
        actor: { type: 'user', id: session.userId, label: session.user.email },
        userId: session.userId,
        sessionId: session.id,
        tokenId: null,
      },
    };
  }

  async end(sessionId: string): Promise<void> {
    await this.repository.delete(sessionId);
  }

  /** Deletes expired sessions (called on sign-in; rows are small and few). */
  async prune(): Promise<number> {
    const now = this.clock.now();
    return this.repository.deleteExpired(now, new Date(now.getTime() - SESSION_IDLE_MS));
  }
}
