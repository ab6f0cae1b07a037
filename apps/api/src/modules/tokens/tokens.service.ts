import { Inject, Injectable } from '@nestjs/common';
import { type CreateTokenInput, TOKEN_PREFIX } from '@spfwatch/contracts';
import type { Principal } from '../../common/auth/request-scope';
import { roleAtLeast } from '../../common/auth/roles';
import { randomSecret, sha256Hex } from '../../common/auth/secrets';
import { CLOCK, type Clock } from '../../common/clock';
import { AppError, notFound } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { type ApiTokenRow, TokensRepository } from './tokens.repository';

/** `spfw_` + 43 base64url characters (256 random bits). */
const TOKEN_FORMAT = /^spfw_[A-Za-z0-9_-]{43}$/;
/** lastUsedAt is written at most once a minute per token. */
const TOUCH_EVERY_MS = 60_000;
const DAY_MS = 86_400_000;

export type TokenAuthentication = { ok: true; principal: Principal } | { ok: false; message: string };

@Injectable()
export class TokensService {
  constructor(
    private readonly repository: TokensRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Creates a token (shown once). A token never gets a role above its creator's. */
  async create(creator: Principal, input: CreateTokenInput): Promise<ApiTokenRow & { token: string }> {
    if (!roleAtLeast(creator.role, input.role)) {
      throw new AppError('forbidden', `A ${creator.role} cannot create a token with the ${input.role} role`);
    }
    const clientIds = [...new Set(input.clientIds ?? [])];
    if (clientIds.length > 0 && (await this.repository.countClients(creator.organizationId, clientIds)) !== clientIds.length) {
      throw new AppError('validation_failed', 'Unknown client in clientIds', { issues: [{ path: 'clientIds', message: 'Unknown client' }] });
    }
    const now = this.clock.now();
    const token = `${TOKEN_PREFIX}${randomSecret()}`;
    const row = await this.repository.create({
      organizationId: creator.organizationId,
      name: input.name,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 8),
      role: input.role,
      clientIds,
      createdById: creator.userId,
      createdAt: now,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null,
    });
    await this.audit.record({ action: 'token.created', target: { type: 'token', id: row.id, label: row.name }, details: { role: row.role, clientIds, prefix: row.prefix } });
    return { ...row, token };
  }

  list(organizationId: string): Promise<ApiTokenRow[]> {
    return this.repository.list(organizationId);
  }

  /** Revokes at once (idempotent); the token answers 401 from the next request on. */
  async revoke(organizationId: string, id: string): Promise<ApiTokenRow> {
    const token = await this.repository.findById(organizationId, id);
    if (!token) throw notFound('Token', id);
    if (!token.revokedAt) {
      await this.repository.revoke(organizationId, id, this.clock.now());
      await this.audit.record({ action: 'token.revoked', target: { type: 'token', id, label: token.name }, details: { prefix: token.prefix } });
    }
    return (await this.repository.findById(organizationId, id)) ?? token;
  }

  /** The principal of an `Authorization: Bearer` token, or why it is refused. */
  async authenticate(raw: string): Promise<TokenAuthentication> {
    if (!TOKEN_FORMAT.test(raw)) return { ok: false, message: 'Malformed API token' };
    const token = await this.repository.findByHash(sha256Hex(raw));
    const now = this.clock.now();
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) {
      return { ok: false, message: 'Unknown, revoked or expired API token' };
    }
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) await this.repository.touch(token.id, now);
    return {
      ok: true,
      principal: {
        via: 'token',
        organizationId: token.organizationId,
        role: token.role,
        clientIds: token.role === 'client_viewer' ? token.clientIds : null,
        actor: { type: 'token', id: token.id, label: token.name },
        userId: null,
        sessionId: null,
        tokenId: token.id,
      },
    };
  }
}
