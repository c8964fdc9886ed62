import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Compiles src/ to dist/ once before the tests: the CLI tests spawn `bin/rehearse.js`,
 * which runs dist/, and must test the code as it is now, not as it was at the last
 * `npm install`. JavaScript only (about 2 s, nothing when dist/ is newer than every
 * source): test/library/ emits the type declarations it checks.
 */
export default function setup(): void {
  const script = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [script, '--quiet', '--no-types', '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}); the CLI tests need dist/`);
}
