/**
 * Recognising Prisma's known request errors by code, for repositories and services that
 * turn a database outcome into a domain answer (a duplicate name → 409).
 */
function prismaCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== 'PrismaClientKnownRequestError') return undefined;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique constraint refused the write (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return prismaCode(error) === 'P2002';
}

/** The row an update/delete targeted does not exist (P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return prismaCode(error) === 'P2025';
}

/**
 * A unique index refused a raw statement (e.g. the domain import's INSERT … SELECT): Prisma
 * reports P2010 with Postgres's 23505 underneath, not P2002.
 */
export function isRawUniqueViolation(error: unknown): boolean {
  if (prismaCode(error) !== 'P2010') return false;
  const { meta } = error as Error & { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  return meta?.driverAdapterError?.cause?.originalCode === '23505';
}
