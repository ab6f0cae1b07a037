import type { PrismaService } from '../../src/prisma/prisma.service';
import { installTestOwner } from './auth';
import { DEFAULT_ORGANIZATION_NAME, DEFAULT_ORGANIZATION_SLUG } from '../../src/modules/organizations/organizations.service';

let tables: string | undefined;

/**
 * Empties every application table in one TRUNCATE … CASCADE, except the default
 * organization, which is kept (same id, so a running test app's `orgId` stays valid) and
 * reset to its defaults. Other organizations are deleted. pg-boss's jobs are not touched.
 * The test owner and their session come back (same ids and cookie), so `t.http` stays signed in.
 */
export async function resetDatabase(prisma: PrismaService): Promise<void> {
  if (!tables) {
    const rows = await prisma.$queryRaw<{ name: string }[]>`
      SELECT quote_ident(tablename) AS name FROM pg_tables
      WHERE schemaname = current_schema() AND tablename NOT IN ('_prisma_migrations', 'organizations')
      ORDER BY tablename`;
    tables = rows.map((row) => row.name).join(', ');
  }
  if (tables) await prisma.$executeRawUnsafe(`TRUNCATE ${tables} CASCADE`);
  await prisma.$executeRaw`DELETE FROM organizations WHERE slug <> ${DEFAULT_ORGANIZATION_SLUG}`;
  await prisma.$executeRaw`UPDATE organizations SET name = ${DEFAULT_ORGANIZATION_NAME}, time_zone = 'UTC' WHERE slug = ${DEFAULT_ORGANIZATION_SLUG}`;
  await installTestOwner(prisma);
}
