import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PlanSchema } from '../../src/plan/schema.js';
import { rehearseCli } from '../cli/cli.js';

// Gunther's SPEC SDM91 measurements (see usl-fit.test.ts for the source) as a plain CSV.
const CSV = fileURLToPath(new URL('./fixtures/specsdm91.csv', import.meta.url));

describe('rehearse plan', () => {
  it('plans from a CSV: plan.json with the issue’s fields, the chart, and a table', async () => {
    const out = mkdtempSync(join(tmpdir(), 'plan-cli-'));
    const r = await rehearseCli(
      [
        'plan',
        CSV,
        '--peak-users',
        '200000',
        '--think-time',
        '60s',
        '--workers',
        '16',
        '--resamples',
        '200',
        '--out',
        out,
      ],
      { timeoutMs: 170_000 },
    );
    expect(r.stderr).toMatch(/plan: .*plan\.json/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/N\* \(knee\)\s+96\.\d/);
    const plan = PlanSchema.parse(JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')));
    expect(plan.usl.sigma).toBeCloseTo(0.0277, 3);
    expect(plan.usl.nStarInterval.low).toBeLessThan(96.5);
    // 200,000 users, a request a minute = 3,333/s over 70 % of X(N*) ≈ 1,884/s: 3 instances.
    expect(plan.peak?.requestRate).toBeCloseTo(3333.33, 1);
    expect(plan.instances?.needed).toBe(3);
    expect(plan.warnings.join(' ')).toMatch(/no p95 in the input/);
    for (const f of ['plan.md', 'capacity.svg', 'capacity.png', 'capacity.vl.json'])
      expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'capacity.svg'), 'utf8')).toMatch(/knee N\* = 97/);
  }, 180_000);

  it('exits 2 with one line naming the flag on a bad objective', async () => {
    const r = await rehearseCli(['plan', CSV, '--slo', 'fast please'], { timeoutMs: 170_000 });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'rehearse: --slo: expected a latency objective like p95<2s or p95<800ms, got "fast please"',
    );
  }, 180_000);
});
