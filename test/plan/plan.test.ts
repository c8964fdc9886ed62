import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlanInput } from '../../src/plan/input.js';
import { largestConcurrencyMeeting, parseObjective } from '../../src/plan/objective.js';
import { scenarioPeak } from '../../src/plan/peak.js';
import { buildPlan } from '../../src/plan/plan.js';
import { PlanSchema, planJsonSchema } from '../../src/plan/schema.js';
import { uslThroughput } from '../../src/plan/usl/model.js';
import { loadScenario } from '../../src/scenario/load.js';
import { sweepJsonSchema } from '../../src/results/sweep.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-'));
const csv = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('plan input', () => {
  it('reads a CSV with concurrency, throughput and p95_ms in any column order', async () => {
    const p = csv('a.csv', 'p95_ms,throughput,concurrency\n10,5,1\n12,9.5,2\n');
    const r = await readPlanInput(p);
    expect(r.points).toEqual([
      { n: 1, x: 5, p95Ms: 10 },
      { n: 2, x: 9.5, p95Ms: 12 },
    ]);
  });

  it('names the file, the line and the field of a bad cell', async () => {
    await expect(readPlanInput(csv('b.csv', 'concurrency,throughput\n1,5\n2,abc\n'))).rejects.toThrow(
      /b\.csv: line 3: throughput: expected a number ≥ 0, got "abc"/,
    );
    await expect(readPlanInput(csv('c.csv', 'users,rps\n1,5\n'))).rejects.toThrow(
      /c\.csv: line 1: header has no concurrency and throughput column/,
    );
    await expect(readPlanInput(csv('d.json', '{"version": 2}'))).rejects.toThrow(
      /d\.json: not a sweep\.json: .*version/,
    );
  });
});

describe('latency objective', () => {
  it('parses p95<2s and finds where the measured p95 crosses it', () => {
    const o = parseObjective('p95 < 2s');
    expect(o.thresholdMs).toBe(2000);
    const pts = [
      { n: 1, x: 1, p95Ms: 100 },
      { n: 4, x: 1, p95Ms: 1000 },
      { n: 8, x: 1, p95Ms: 3000 },
    ];
    // 1000 → 3000 between N = 4 and 8: 2000 is half-way, N = 6.
    expect(largestConcurrencyMeeting(pts, o)).toEqual({ n: 6, interpolated: true });
    expect(largestConcurrencyMeeting([{ n: 1, x: 1, p95Ms: 2500 }], o)).toBeNull();
    expect(() => parseObjective('p99 > 3')).toThrow(/--slo: expected a latency objective/);
  });
});

describe('election night peak', () => {
  it('is about 200,000 visitors at once, one request a minute each', async () => {
    const p = scenarioPeak(await loadScenario('election-night', { scale: 1, timeScale: 1 }));
    expect(p.users).toBeGreaterThan(195_000);
    expect(p.users).toBeLessThan(205_000);
    expect(p.thinkTimeS).toBeCloseTo(60, 0);
  });
});

describe('buildPlan', () => {
  // A portal with a known curve: σ = 0.05, κ = 0.001, λ = 50/s; p95 grows with N.
  const truth = { sigma: 0.05, kappa: 0.001, lambda: 50 };
  const ns = [1, 2, 4, 8, 12, 16, 24, 32, 40, 48];
  const points = ns.map((n) => ({ n, x: uslThroughput(n, truth), p95Ms: 20 * n }));

  it('writes the issue’s field names, sizes the peak and validates against its schema', () => {
    const { plan } = buildPlan(
      { file: 'x.csv', kind: 'csv', points },
      {
        objective: parseObjective('p95<500ms'),
        headroom: 0.5,
        peak: { users: 10_000, thinkTimeS: 10, source: 'test' },
        workersPerInstance: 4,
        resamples: 200,
      },
    );
    expect(PlanSchema.safeParse(plan).success).toBe(true);
    expect(plan.usl.sigma).toBeCloseTo(0.05, 6);
    expect(plan.usl.kappa).toBeCloseTo(0.001, 8);
    expect(plan.usl.lambda).toBeCloseTo(50, 4);
    expect(plan.usl.nStar).toBeCloseTo(Math.sqrt(0.95 / 0.001), 3);
    for (const k of ['sigmaInterval', 'kappaInterval', 'lambdaInterval', 'nStarInterval', 'xMaxInterval'] as const)
      expect(Object.keys(plan.usl[k])).toEqual(['low', 'high']);
    // p95 = 20·N ms crosses 500 ms at N = 25.
    expect(plan.objective?.maxConcurrency).toBeCloseTo(25, 6);
    const x25 = uslThroughput(25, truth);
    expect(plan.capacity.perInstance).toBeCloseTo(x25, 4);
    // 10,000 users every 10 s = 1,000 requests/s over 50 % of x25 per instance.
    expect(plan.peak?.requestRate).toBe(1000);
    expect(plan.instances?.needed).toBe(Math.ceil(1000 / (0.5 * x25)));
    expect(plan.instances?.atFullCapacity).toBe(Math.ceil(1000 / x25));
    expect(plan.queueing?.serversPerInstance).toBe(4);
    expect(plan.warnings).toEqual([]);
  });

  it('warns on few levels, coefficients on their bounds and a peak beyond twice the measured range', () => {
    const few = [1, 2, 3, 4, 5].map((n) => ({ n, x: 10 * n }));
    const { plan } = buildPlan({ file: 'x.csv', kind: 'csv', points: few }, { resamples: 100 });
    expect(plan.warnings.join('\n')).toMatch(/only 5 levels/);
    expect(plan.warnings.join('\n')).toMatch(/σ = 0 sits on its bound/);
    expect(plan.warnings.join('\n')).toMatch(/never reached capacity/);
    const early = [1, 2, 3, 4, 5, 6].map((n) => ({
      n,
      x: uslThroughput(n, { sigma: 0.01, kappa: 0.0005, lambda: 10 }),
    }));
    expect(
      buildPlan({ file: 'x.csv', kind: 'csv', points: early }, { resamples: 100 }).plan.warnings.join('\n'),
    ).toMatch(/more than twice the largest measured concurrency/);
  });
});

describe('file formats', () => {
  it('the committed JSON schemas are current', () => {
    const plan = JSON.parse(readFileSync(new URL('../../src/plan/plan.schema.json', import.meta.url), 'utf8'));
    const sweep = JSON.parse(readFileSync(new URL('../../src/results/sweep.schema.json', import.meta.url), 'utf8'));
    expect(plan).toEqual(JSON.parse(JSON.stringify(planJsonSchema())));
    expect(sweep).toEqual(JSON.parse(JSON.stringify(sweepJsonSchema())));
  });
});
