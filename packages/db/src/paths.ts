import path from 'node:path';

/** The monorepo's `prisma/` folder (this file sits in packages/db/{src,dist}/). */
export const PRISMA_DIR = path.resolve(__dirname, '..', '..', '..', 'prisma');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
