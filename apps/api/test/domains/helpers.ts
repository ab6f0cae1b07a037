/** Small seeding helpers for the domains, fleet and tools tests (rows written straight through Prisma). */
import type { PrismaService } from '../../src/prisma/prisma.service';

export const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

export async function createClientRow(prisma: PrismaService, organizationId: string, name: string): Promise<{ id: string; name: string }> {
  return prisma.client.create({ data: { organizationId, name }, select: { id: true, name: true } });
}

/** Another organization with one client and one domain, for "foreign id → 404" tests. */
export async function createOtherOrganization(prisma: PrismaService): Promise<{ orgId: string; clientId: string; domainId: string }> {
  const org = await prisma.organization.create({ data: { name: 'Other agency', slug: `other-${Date.now()}` } });
  const client = await createClientRow(prisma, org.id, 'Their client');
  const domain = await prisma.domain.create({ data: { organizationId: org.id, clientId: client.id, name: 'theirs.example' } });
  return { orgId: org.id, clientId: client.id, domainId: domain.id };
}

/** A minimal snapshot row (the analysis JSON is not read by these tests unless given). */
export async function createSnapshotRow(
  prisma: PrismaService,
  domainId: string,
  data: { lookupCount: number; status: 'ok' | 'warning' | 'broken' | 'unknown'; services?: string[]; record?: string | null; firstSeenAt: Date; analysis?: object; voidLookups?: number },
): Promise<string> {
  const row = await prisma.snapshot.create({
    data: {
      domainId,
      analysis: data.analysis ?? {},
      recordText: data.record ?? null,
      contentHash: `hash-${domainId}-${data.firstSeenAt.getTime()}`,
      lookupCount: data.lookupCount,
      voidLookups: data.voidLookups ?? 0,
      status: data.status,
      services: data.services ?? [],
      networks: [],
      firstSeenAt: data.firstSeenAt,
      lastSeenAt: data.firstSeenAt,
    },
    select: { id: true },
  });
  return row.id;
}
