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
