import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileOptions } from '../../../src/engine/k6/options.js';
import {
  DEFAULT_INSTANCE_RATE,
  HEADROOM,
  peakArrivalRate,
  requestsPerJourney,
  sizeCluster,
} from '../../../src/engine/k6/sizing.js';
import type { TargetFile } from '../../../src/target/types.js';
import { exportLaunchDay, launchDayScenario as scenario } from './export-launch-day.js';
import { flatMinute } from './fixtures.js';
import { tempDirs } from './tmp.js';

const tmp = tempDirs('k6-sizing-');

/** A flat curve: `rate` journeys per second for a minute, patience 1 s. */
const flat = (rate: number) => {
  const { scenario: s, population } = flatMinute(scenario, rate, 1);
  return { s, c: compileOptions({ scenario: s, population, requestTimeoutMs: 1_000 }) };
};
const oneRequest: TargetFile = { name: 't', operations: { createAccount: { method: 'POST', path: '/a' } } };

describe('sizing a k6-operator run', () => {
  it('reads the peak arrival rate off the compiled stages', () => {
    const { c } = flat(200);
    // k6 rounds targets up per time unit, so the peak is the rate or a hair above it.
    expect(peakArrivalRate(c.schedule)).toBeGreaterThanOrEqual(200);
    expect(peakArrivalRate(c.schedule)).toBeLessThan(200 * 1.01);
  });

  it('counts every request of a journey that goes to the end, repeats included', () => {
    const s = {
      ...scenario,
      journey: {
        ...scenario.journey,
        steps: [{ op: 'createAccount' as const }, { op: 'checkStatus' as const, repeat: 3, everyMs: 1000 }],
      },
    };
    const target: TargetFile = {
      name: 't',
      operations: {
        createAccount: {
          requests: [
            { method: 'GET', path: '/form' },
            { method: 'POST', path: '/a' },
          ],
        },
        checkStatus: { method: 'GET', path: '/s' },
      },
    };
    expect(requestsPerJourney(s, target)).toBe(2 + 3);
  });

  it('needs ⌈peak × headroom / per-instance rate⌉ pods and warns when given fewer', () => {
    const { s, c } = flat(1000);
    const base = {
      schedule: c.schedule,
      scenario: { ...s, journey: { ...s.journey, steps: [{ op: 'createAccount' as const }] } },
      target: oneRequest,
      peakConcurrency: c.vus.peak,
      preAllocatedVUs: c.vus.preAllocatedVUs,
    };
    const peak = peakArrivalRate(c.schedule);
    const z = sizeCluster({ ...base, instanceRate: 400 });
    expect(z.needed).toBe(Math.ceil((peak * HEADROOM) / 400));
    expect(z.needed).toBe(4); // 1,000/s × 1.5 / 400
    expect(z.parallelism).toBe(z.needed);
    expect(z.warning).toBeUndefined();
    expect(z.vusPerPod).toBe(Math.ceil(c.vus.preAllocatedVUs / 4));
    const short = sizeCluster({ ...base, instanceRate: 400, parallelism: 3 });
    expect(short.warning).toMatch(
      /^--parallelism 3 cannot carry the peak: 10\d\d requests\/s .* use --parallelism 4 or more/,
    );
    expect(sizeCluster({ ...base, instanceRate: 400, parallelism: 4 }).warning).toBeUndefined();
    expect(sizeCluster(base).instanceRate).toBe(DEFAULT_INSTANCE_RATE);
  });

  it('exports the parallelism it chose, and says why, when none is given', async () => {
    const dir = await tmp();
    const r = await exportLaunchDay(dir, 1, { instanceRate: 1 });
    const z = r.sizing!;
    expect(z.parallelism).toBe(z.needed);
    expect(z.needed).toBe(Math.ceil(z.peakRequestsPerS * HEADROOM));
    expect(await readFile(join(dir, 'k8s', '20-testrun.yaml'), 'utf8')).toContain(`  parallelism: ${z.needed}\n`);
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain(`the run needs ${z.needed} pods; that is what the TestRun asks for`);
  });
});
