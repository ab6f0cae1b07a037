import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { SetupInput } from '@spfwatch/contracts';
import { randomSecret, sha256Hex, digestsEqual } from '../../common/auth/secrets';
import { AppError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import type { ClientInfo } from './auth.service';
import { type StartedSession, SessionsService } from './sessions.service';

/** The demo account (SPFWATCH_DEMO=true only): the one exception to the 12-character minimum. */
export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_NAME = 'Demo owner';

/**
 * First run without a default password: while no owner exists, each API process makes a
 * one-time setup token at start and prints it in its log; `POST /api/setup` with it creates
 * the first owner. (Or `spfwatch-admin create-owner` on the server.) In demo mode the
 * documented demo account is created instead.
 */
@Injectable()
export class SetupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Setup');
  private tokenHash: string | undefined;
  private completing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly users: UsersRepository,
    private readonly accounts: UsersService,
    private readonly sessions: SessionsService,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.servesApi) return;
    if (this.config.env.SPFWATCH_DEMO) await this.ensureDemoAccount();
    if (await this.users.anyOwnerExists()) return;
    const token = this.issueToken();
    const url = this.config.env.PUBLIC_URL ?? `http://localhost:${this.config.env.PORT}`;
    this.logger.warn(
      [
        'No owner account yet. Create the first one with this one-time setup token:',
        `    ${token}`,
        `  in the web app (${url}/setup), or: curl -X POST ${url}/api/setup -H 'content-type: application/json' \\`,
        `    -d '{"token":"${token}","email":"you@example.com","name":"Your name","password":"at least 12 characters"}'`,
        '  or on the server: npm run admin -w @spfwatch/api -- create-owner --email you@example.com --name "Your name"',
      ].join('\n'),
    );
  }

  /** A new setup token (replacing any earlier one); only its hash stays in memory. */
  issueToken(): string {
    const token = randomSecret();
    this.tokenHash = sha256Hex(token);
    return token;
  }

  async needed(): Promise<boolean> {
    return !(await this.users.anyOwnerExists());
  }

  /** Creates the first owner in the default organization and signs them in. One at a time. */
  async complete(input: SetupInput, client: ClientInfo): Promise<StartedSession> {
    const run = this.completing.then(() => this.completeNow(input, client));
    this.completing = run.catch(() => undefined);
    return run;
  }

  private async completeNow(input: SetupInput, client: ClientInfo): Promise<StartedSession> {
    if (await this.users.anyOwnerExists()) throw new AppError('conflict', 'Setup is already complete: sign in');
    if (!this.tokenHash || !digestsEqual(sha256Hex(input.token), this.tokenHash)) {
      throw new AppError('forbidden', "Wrong setup token: use the one printed in this server's log");
    }
    const organization = await this.organizations.ensureDefault();
    if (input.organizationName) await this.organizations.update(organization.id, { name: input.organizationName });
    const user = await this.accounts.createAccount({ email: input.email, name: input.name, password: input.password, organizationId: organization.id, role: 'owner' });
    this.tokenHash = undefined;
    await this.audit.record({
      action: 'setup.completed',
      organizationId: organization.id,
      actor: { type: 'user', id: user.id, label: input.email },
      target: { type: 'user', id: user.id, label: input.email },
    });
    return this.sessions.start(user.id, organization.id, client);
  }

  private async ensureDemoAccount(): Promise<void> {
    const organization = await this.organizations.ensureDefault();
    const existing = await this.users.findByEmail(DEMO_EMAIL);
    if (!existing) {
      await this.accounts.createAccount({ email: DEMO_EMAIL, name: DEMO_NAME, password: DEMO_PASSWORD, organizationId: organization.id, role: 'owner' }).catch((error: unknown) => {
        // Another process of the demo created it first.
        if (!(error instanceof AppError && error.code === 'conflict')) throw error;
      });
    }
    this.logger.warn(`Demo mode: sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD} (never use SPFWATCH_DEMO on a real installation)`);
  }
}
