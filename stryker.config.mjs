// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Mutation testing (StrykerJS) of the core modules, one module per run: `npm run mutate`
 * runs them all in turn, `npm run mutate -- journey target` only those. Not part of
 * `npm test`: each mutant re-runs the module's tests, minutes per module on two cores.
 * Scores and survivors: docs/testing.md.
 *
 * Each module is mutated against the tests that exercise it in-process (tests that
 * spawn the CLI cannot see a mutant, which lives in the test process), listed in
 * test/mutate/modules.json.
 */
/** Module name → files to mutate and the tests that exercise them (shared with test/mutate/vitest.config.ts). */
export const MODULES = JSON.parse(readFileSync(new URL('./test/mutate/modules.json', import.meta.url), 'utf8'));

const name = process.env.MUTATE_MODULE ?? 'journey';
const mod = MODULES[name];
if (!mod) throw new Error(`stryker.config.mjs: MUTATE_MODULE: expected one of ${Object.keys(MODULES).join(', ')}, got "${name}"`);
// MUTATE_REUSE_WORKER=1 keeps one vitest worker from mutant to mutant (test/mutate/keep-worker-hook.mjs
// says how): 2–3.6× faster (docs/testing.md: format.ts 211 s against 533 s), but not the default: in
// long runs it lost test results (mutants reported survived with zero or some of their tests run:
// 90 of 179 'survivors' of the analyzer's accumulator group, 4 after timeouts in read-worker-part),
// while a new worker per mutant, vitest's default, ran every covering test each time.
const reuseWorker = process.env.MUTATE_REUSE_WORKER === '1';
// MUTATE_GROUP names a part of a module run on its own (`--mutate FILES`), so the parts'
// reports, sandboxes and incremental files do not overwrite one another.
const slug = name.replace('/', '-') + (process.env.MUTATE_GROUP ? `-${process.env.MUTATE_GROUP}` : '');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'test/mutate/vitest.config.ts', related: false },
  mutate: mod.mutate,
  ...(reuseWorker && {
    testRunnerNodeArgs: ['--import', fileURLToPath(new URL('./test/mutate/keep-worker.mjs', import.meta.url))],
    // Bail cancels vitest's pool at a killed mutant's first failing test, and a cancelled
    // pool keeps no worker: with bail only survivors reuse one (format.ts: 655 s with bail,
    // 211 s without, the same statuses). Without it a killed mutant runs all its covering tests.
    disableBail: true,
  }),
  coverageAnalysis: 'perTest',
  // Static mutants (module-level values such as zod schemas) re-run every test of the
  // module each: about half the time for a few per cent of the mutants. MUTATE_STATIC=1
  // includes them; the scores in docs/testing.md say which way they were measured.
  ignoreStatic: process.env.MUTATE_STATIC !== '1',
  // A shared 2-core machine: one test process at a time, generous timeouts.
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 1),
  // A mutant that loops forever (a loop bound flipped) costs the whole timeout: the tests
  // here take well under a second each, so 3× their time plus 10 s (MUTATE_TIMEOUT_MS) is
  // margin enough on a loaded machine without spending minutes per endless loop.
  timeoutMS: Number(process.env.MUTATE_TIMEOUT_MS ?? 10_000),
  timeoutFactor: 3,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${slug}.json` },
  htmlReporter: { fileName: `reports/mutation/${slug}.html` },
  // `--incremental` re-tests only mutants whose code or tests changed since the last run of
  // this module (one file per module, so modules do not overwrite each other's results).
  incrementalFile: `reports/mutation/${slug}.incremental.json`,
  tempDirName: `.stryker-tmp/${slug}`,
  cleanTempDir: true,
  ignorePatterns: ['runs', 'reports', '.stryker-tmp', 'test-output', '.vitest-output'],
  thresholds: { high: 90, low: 80, break: null },
};
