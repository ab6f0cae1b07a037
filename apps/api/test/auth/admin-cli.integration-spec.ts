import { Readable } from 'node:stream';
import { createPrismaClient } from '@spfwatch/db';
import { runAdmin } from '../../src/cli/admin';
import { verifyPassword } from '../../src/common/auth/passwords';
import type { PrismaService } from '../../src/prisma/prisma.service';
import { resetDatabase, testEnv } from '../support/app';

const prisma = createPrismaClient(process.env.DATABASE_URL!) as unknown as PrismaService;

function io(stdinText: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      env: { DATABASE_URL: testEnv().DATABASE_URL, LOG_LEVEL: 'silent', ...env },
      stdin: Readable.from([stdinText]),
      stdout: { write: (chunk: string | Uint8Array) => out.push(String(chunk)) > 0 },
      stderr: { write: (chunk: string | Uint8Array) => err.push(String(chunk)) > 0 },
    },
    out,
    err,
  };
}

beforeEach(async () => {
  await resetDatabase(prisma);
  // First run: no owner at all.
  await prisma.user.deleteMany();
});
afterAll(async () => {
  await resetDatabase(prisma);
  await prisma.$disconnect();
});

describe('spfwatch-admin create-owner', () => {
  it('creates the first owner with the password from standard input, then refuses a second time', async () => {
    const first = io('first owner password\n');
    expect(await runAdmin(['create-owner', '--email', 'Root@Agency.Example', '--name', 'Root', '--organization-name', 'Agency'], first.io)).toBe(0);
    expect(first.out.join('')).toContain('Created root@agency.example, owner of "Agency"');
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'root@agency.example' }, include: { memberships: { include: { organization: true } } } });
    expect(user.memberships).toEqual([expect.objectContaining({ role: 'owner', organization: expect.objectContaining({ slug: 'default', name: 'Agency' }) })]);
    expect(await verifyPassword(user.passwordHash, 'first owner password')).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: 'setup.completed', targetLabel: 'root@agency.example' } })).toBe(1);

    const second = io('', { SPFWATCH_OWNER_PASSWORD: 'another password 1' });
    expect(await runAdmin(['create-owner', '--email', 'two@agency.example', '--name', 'Two'], second.io)).toBe(1);
    expect(second.err.join('')).toContain('An owner exists already');
  });

  it('refuses a short password and bad arguments', async () => {
    const short = io('', { SPFWATCH_OWNER_PASSWORD: 'short' });
    expect(await runAdmin(['create-owner', '--email', 'a@b.example', '--name', 'A'], short.io)).toBe(1);
    expect(short.err.join('')).toContain('12 to 1024 characters');
    const usage = io('');
    expect(await runAdmin(['create-owner', '--email', 'not-an-email', '--name', 'A'], usage.io)).toBe(2);
    expect(await runAdmin(['make-coffee'], usage.io)).toBe(2);
    expect(usage.err.join('')).toContain('usage: spfwatch-admin create-owner');
    expect(await prisma.user.count()).toBe(0);
  });
});
