import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests run the compiled binary: build it first.
    globalSetup: ['test/global-setup.ts'],
    // The margin a busy runner needs, not a speed limit: tests assert behaviour, never
    // time (docs/testing.md). With other jobs on both cores, spawning `rehearse`, real
    // rehearsals and chart rendering took past 60 s; a hung test still fails, after 5 min.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Rehearsal tests bind loopback ports and run real load; two cores only.
    maxWorkers: 2,
  },
});
