#!/usr/bin/env node
/**
 * `spfwatch-admin` — server-side account tasks that need the database, not the HTTP API.
 *
 *   spfwatch-admin create-owner --email you@agency.example --name "Your Name" [--organization-name "Agency"]
 *
 * The password is read from SPFWATCH_OWNER_PASSWORD, else from standard input (first line;
 * typed without echo on a terminal). Uses DATABASE_URL, or the embedded Postgres in
 * SPFWATCH_DATA_DIR (shared with a running spfwatch), and applies pending migrations first.
 * Exit codes: 0 done, 1 refused or failed, 2 usage.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { applyMigrations, createPrismaClient, MIGRATIONS_DIR, type RunningDatabase, startDatabase } from '@spfwatch/db';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, emailSchema, personNameSchema } from '@spfwatch/contracts';
import { systemClock } from '../common/clock';
import { isAppError } from '../common/errors';
import { isEnvValidationError, loadEnv } from '../config/env';
import { AuditRepository } from '../modules/audit/audit.repository';
import { AuditService } from '../modules/audit/audit.service';
import { DEFAULT_ORGANIZATION_NAME, DEFAULT_ORGANIZATION_SLUG } from '../modules/organizations/organizations.service';
import { UsersRepository } from '../modules/users/users.repository';
import { UsersService } from '../modules/users/users.service';
import type { PrismaService } from '../prisma/prisma.service';

export interface AdminIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: Pick<NodeJS.WritableStream, 'write'>;
  stderr: Pick<NodeJS.WritableStream, 'write'>;
}

const USAGE = `usage: spfwatch-admin create-owner --email <email> --name <name> [--organization-name <name>]
  The password comes from SPFWATCH_OWNER_PASSWORD or standard input (at least ${PASSWORD_MIN_LENGTH} characters).
`;

function parseFlags(args: string[]): Map<string, string> | string {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i]!;
    const value = args[i + 1];
    if (!flag.startsWith('--') || value === undefined) return `unexpected argument: ${flag}`;
    flags.set(flag.slice(2), value);
  }
  return flags;
}

/** The first line of standard input; on a terminal, asked for without echo. */
async function readPassword(io: AdminIo): Promise<string> {
  const fromEnv = io.env.SPFWATCH_OWNER_PASSWORD;
  if (fromEnv) return fromEnv;
  let muted = false;
  const output = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      if (!muted) io.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: io.stdin, output, terminal: io.stdin.isTTY === true });
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.question('Password for the owner (not shown): ', (answer) => resolve(answer));
      muted = true;
      rl.once('close', () => reject(new Error('no password on standard input')));
    });
  } finally {
    muted = false;
    rl.close();
    if (io.stdin.isTTY) io.stdout.write('\n');
  }
}

async function createOwner(args: string[], io: AdminIo): Promise<number> {
  const flags = parseFlags(args);
  if (typeof flags === 'string') {
    io.stderr.write(`${flags}\n${USAGE}`);
    return 2;
  }
  const email = emailSchema.safeParse(flags.get('email') ?? '');
  const name = personNameSchema.safeParse(flags.get('name') ?? '');
  if (!email.success || !name.success) {
    io.stderr.write(`${!email.success ? '--email needs an email address' : '--name needs a name'}\n${USAGE}`);
    return 2;
  }
  const env = loadEnv(io.env);
  const password = await readPassword(io);
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    io.stderr.write(`The password needs ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.\n`);
    return 1;
  }

  const database: RunningDatabase = env.DATABASE_URL
    ? { url: env.DATABASE_URL, source: 'env', stop: async () => {} }
    : await startDatabase({ dataDir: env.SPFWATCH_DATA_DIR, useDatabaseUrl: false });
  const prisma = createPrismaClient(database.url) as unknown as PrismaService;
  try {
    await applyMigrations(database.url, MIGRATIONS_DIR);
    const users = new UsersRepository(prisma);
    if (await users.anyOwnerExists()) {
      io.stderr.write('An owner exists already: sign in, and invite people from the web app.\n');
      return 1;
    }
    const organization = await prisma.organization.upsert({
      where: { slug: DEFAULT_ORGANIZATION_SLUG },
      create: { slug: DEFAULT_ORGANIZATION_SLUG, name: flags.get('organization-name') ?? DEFAULT_ORGANIZATION_NAME },
      update: flags.has('organization-name') ? { name: flags.get('organization-name')! } : {},
      select: { id: true, name: true },
    });
    const audit = new AuditService(new AuditRepository(prisma), systemClock);
    const accounts = new UsersService(users, audit, systemClock);
    const user = await accounts.createAccount({ email: email.data, name: name.data, password, organizationId: organization.id, role: 'owner' });
    await audit.record({
      action: 'setup.completed',
      organizationId: organization.id,
      actor: { type: 'system', id: null, label: 'spfwatch-admin create-owner' },
      target: { type: 'user', id: user.id, label: email.data },
    });
    io.stdout.write(`Created ${email.data}, owner of "${organization.name}". Sign in at /login.\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`${isAppError(error) ? error.message : `create-owner failed: ${(error as Error).message}`}\n`);
    return 1;
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === 'create-owner') return await createOwner(args, io);
  } catch (error) {
    io.stderr.write(`${isEnvValidationError(error) ? error.message : `spfwatch-admin: ${(error as Error).message}`}\n`);
    return 1;
  }
  io.stderr.write(command && command !== '--help' ? `unknown command: ${command}\n${USAGE}` : USAGE);
  return command === '--help' ? 0 : 2;
}

if (require.main === module) {
  void runAdmin(process.argv.slice(2), { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}
