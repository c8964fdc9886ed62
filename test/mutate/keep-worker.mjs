// @ts-check
/**
 * Loaded into each Stryker test-runner process (`testRunnerNodeArgs` in stryker.config.mjs):
 * registers keep-worker-hook.mjs, which lets vitest keep its one test worker from one
 * mutant's run to the next instead of starting a new one per run. Why: docs/testing.md
 * ("Why a mutant was slow").
 */
import { register } from 'node:module';

register('./keep-worker-hook.mjs', import.meta.url);
