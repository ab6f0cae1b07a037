// Prisma CLI configuration (used by `prisma generate` in packages/db's build).
//
// `prisma generate` would otherwise try to download the native schema engine first;
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips that. Migrations do
// not use the CLI at all: see packages/db/src/migrate (Prisma's WASM schema engine).
import path from 'node:path';
import { defineConfig } from 'prisma/config';

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/bin/true';

export default defineConfig({
  schema: path.join(__dirname, 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'migrations') },
});
