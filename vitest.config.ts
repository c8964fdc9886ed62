import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Rehearsal tests bind loopback ports and run real load; two cores only.
    maxWorkers: 2,
  },
});
