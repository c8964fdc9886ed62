import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { MODULES } from '../../stryker.config.mjs';

/** The suite Stryker runs for one module (MUTATE_MODULE): its in-process tests only. */
const mod = MODULES[(process.env.MUTATE_MODULE ?? 'journey') as keyof typeof MODULES];

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: mod.tests.filter((t) => !t.startsWith('!')),
    exclude: ['**/node_modules/**', ...mod.tests.filter((t) => t.startsWith('!')).map((t) => t.slice(1))],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
});
