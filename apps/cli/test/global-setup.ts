import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const CLI_ROOT = join(__dirname, '..');

/** Newest modification time of the sources the build compiles. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.includes('.spec.')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The integration tests run the built CLI as a user would (node dist/main.js). `npm test` at
 * the root builds first; this covers running jest here alone after editing src/.
 */
export default function globalSetup(): void {
  for (const dependency of ['@spfwatch/spf', '@spfwatch/dns-fixture']) {
    try {
      require.resolve(dependency, { paths: [CLI_ROOT] });
    } catch {
      throw new Error(`${dependency} is not built: run "npm run build" in the repository root first.`);
    }
  }
  const main = join(CLI_ROOT, 'dist', 'main.js');
  if (existsSync(main) && statSync(main).mtimeMs >= newestSource(join(CLI_ROOT, 'src'))) return;
  execFileSync('npm', ['run', 'build'], { cwd: CLI_ROOT, stdio: 'inherit' });
}
