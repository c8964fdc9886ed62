import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';

/** The suite Stryker runs for one module (MUTATE_MODULE): its in-process tests only. */
const MODULES = JSON.parse(readFileSync(new URL('./modules.json', import.meta.url), 'utf8')) as Record<
  string,
  { mutate: string[]; tests: string[] }
>;
const found = MODULES[process.env.MUTATE_MODULE ?? 'journey'];
if (!found)
  throw new Error(`test/mutate/vitest.config.ts: MUTATE_MODULE: expected one of ${Object.keys(MODULES).join(', ')}`);
// MUTATE_TESTS (comma-separated globs) narrows a run of part of a module (`--mutate FILE`)
// to the tests that exercise that part, so its dry run does not pay for the whole module's.
const only = process.env.MUTATE_TESTS?.split(',').filter(Boolean);
const mod = only?.length ? { ...found, tests: only } : found;

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: mod.tests.filter((t) => !t.startsWith('!')),
    exclude: ['**/node_modules/**', ...mod.tests.filter((t) => t.startsWith('!')).map((t) => t.slice(1))],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
    // With MUTATE_REUSE_WORKER=1 modules stay loaded from one mutant's run to the next
    // (stryker.config.mjs, keep-worker-hook.mjs); by default vitest's isolation.
    isolate: process.env.MUTATE_REUSE_WORKER !== '1',
    setupFiles: process.env.MUTATE_REUSE_WORKER === '1' ? ['test/mutate/fresh-modules.ts'] : [],
  },
});
