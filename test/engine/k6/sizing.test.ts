import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileOptions } from '../../../src/engine/k6/options.js';
import {
  BASE_MB,
  DERIVED_MB_PER_VU,
  FILE_KB_PER_CANDIDATE,
  FILE_MB_PER_VU,
} from '../../../src/engine/k6/population-cost.js';
import {
  DEFAULT_INSTANCE_RATE,
  DEFAULT_MAX_VUS_PER_POD,
  HEADROOM,
  MAX_PODS,
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

  it("needs ⌈VUs / max VUs per pod⌉ pods when journeys hold VUs longer than the rate needs, and says each pod's memory", () => {
    // 100 journeys/s holding a VU 60 s each: ~6,000 VUs, where the rate needs one pod.
    const { scenario: s, population } = flatMinute(scenario, 100, 60);
    const long = compileOptions({ scenario: s, population, requestTimeoutMs: 1_000 });
    const vus = long.vus.preAllocatedVUs;
    expect(vus).toBeGreaterThan(5000);
    const base = {
      schedule: long.schedule,
      scenario: { ...s, journey: { ...s.journey, steps: [{ op: 'createAccount' as const }] } },
      target: oneRequest,
      peakConcurrency: long.vus.peak,
      preAllocatedVUs: vus,
    };
    const z = sizeCluster({ ...base, maxVusPerPod: 1000 });
    expect(z.neededForRate).toBe(1);
    expect(z.neededForVus).toBe(Math.ceil(vus / 1000));
    expect(z.needed).toBe(z.neededForVus);
    expect(z.parallelism).toBe(z.needed);
    expect(z.vusPerPod).toBeLessThanOrEqual(1000);
    expect(z.podMemoryMb).toBeCloseTo(BASE_MB + z.vusPerPod * DERIVED_MB_PER_VU, 6);
    expect(z.warning).toBeUndefined();
    expect(sizeCluster(base).maxVusPerPod).toBe(DEFAULT_MAX_VUS_PER_POD);
    // Shipped population files: every pod loads them all, and a VU costs less.
    const shipped = sizeCluster({ ...base, maxVusPerPod: 1000, shippedCandidates: 6000 });
    expect(shipped.podMemoryMb).toBeCloseTo(
      BASE_MB + (6000 * FILE_KB_PER_CANDIDATE) / 1000 + shipped.vusPerPod * FILE_MB_PER_VU,
      6,
    );
    // Too few pods for the VUs: the warning names the VUs and the flag, not the rate.
    const short = sizeCluster({ ...base, maxVusPerPod: 1000, parallelism: z.needed - 1 });
    expect(short.warning).toMatch(
      new RegExp(
        `^--parallelism ${z.needed - 1} cannot carry the peak: ${vus} VUs .* against 1000 \\(--max-vus-per-pod\\), about \\d+\\.\\d GB of memory a pod; use --parallelism ${z.needed} or more$`,
      ),
    );
    expect(short.warning).not.toMatch(/instance-rate/);
    expect(sizeCluster({ ...base, maxVusPerPod: 1000, parallelism: z.needed }).warning).toBeUndefined();
    // More pods than one TestRun should hold: said, with the way out.
    const tiny = sizeCluster({ ...base, maxVusPerPod: Math.floor(vus / (MAX_PODS + 1)) });
    expect(tiny.needed).toBeGreaterThan(MAX_PODS);
    expect(tiny.warning).toMatch(/more than one TestRun should hold \(1000\): .*raise --max-vus-per-pod/);
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

  it("exports as many pods as the VUs need at --max-vus-per-pod, and says each pod's VUs and memory", async () => {
    const dir = await tmp();
    const r = await exportLaunchDay(dir, 1, { maxVusPerPod: 7 });
    const z = r.sizing!;
    expect(z.neededForVus).toBe(Math.ceil(r.preAllocatedVUs / 7));
    expect(z.neededForVus).toBeGreaterThan(z.neededForRate);
    expect(z.parallelism).toBe(z.neededForVus);
    expect(await readFile(join(dir, 'k8s', '20-testrun.yaml'), 'utf8')).toContain(`  parallelism: ${z.neededForVus}\n`);
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain(`at most 7 a pod (\`--max-vus-per-pod\`) they need ${z.neededForVus} pods`);
    expect(readme).toContain(
      `Each pod pre-allocates about ${z.vusPerPod} VUs: give it about ${Math.round(z.podMemoryMb)} MB`,
    );
    await expect(exportLaunchDay(await tmp(), 1, { maxVusPerPod: 0 })).rejects.toThrow(
      /^--max-vus-per-pod: expected a whole number ≥ 1, got 0$/,
    );
  });
});
