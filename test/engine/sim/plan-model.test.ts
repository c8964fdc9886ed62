import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPlanInput } from '../../../src/plan/input.js';
import { buildPlan } from '../../../src/plan/plan.js';
import { planInstances, portalFromPlan } from '../../../src/plan/read-plan.js';
import { rehearseCli } from '../../cli/cli.js';

// Gunther's SPEC SDM91 measurements (test/plan/usl-fit.test.ts cites the source), planned with 16 workers an instance.
const CSV = fileURLToPath(new URL('../../plan/fixtures/specsdm91.csv', import.meta.url));

async function planFile(): Promise<{ file: string; serviceMs: number; perInstance: number }> {
  const r = buildPlan(await readPlanInput(CSV), { workersPerInstance: 16, resamples: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'sim-plan-'));
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify(r.plan));
  return { file, serviceMs: r.plan.capacity.serviceMs as number, perInstance: r.plan.capacity.perInstance };
}

describe('sim: the portal model from a plan', () => {
  it('is the plan’s instance (workers, service time) × the instances, so its capacity is instances × the measured peak', async () => {
    const r = buildPlan(await readPlanInput(CSV), { workersPerInstance: 16, resamples: 20 });
    const m = portalFromPlan(r.plan, 3);
    expect(m.workers).toBe(48);
    expect(m.serviceMs).toBe(r.plan.capacity.serviceMs);
    // workers ÷ service time is the fitted peak X(N*) of one instance, times three.
    expect((m.workers * 1000) / m.serviceMs).toBeCloseTo(3 * (r.plan.usl.xMax as number), 6);
    expect(planInstances(r.plan)).toBe(1);
    expect(planInstances(r.plan, 4)).toBe(4);
    // A plan that names no workers: one worker per instance at its planned capacity.
    const bare = { ...r.plan, capacity: { ...r.plan.capacity, workersPerInstance: null, serviceMs: null } };
    expect(portalFromPlan(bare, 2)).toEqual({ workers: 2, serviceMs: 1000 / r.plan.capacity.perInstance });
  });

  it('rehearse simulate --plan simulates that portal; flags override it; misuse exits 2 in one line', async () => {
    const p = await planFile();
    const out = mkdtempSync(join(tmpdir(), 'sim-plan-run-'));
    const ok = await rehearseCli(
      ['simulate', 'launch-day', '--scale', '0.02', '--plan', p.file, '--instances', '2', '--out', out, '--quiet'],
      { timeoutMs: 170_000 },
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.notes[0]).toContain(`32 workers × ${p.serviceMs} ms`);
    const flags = await rehearseCli(
      ['simulate', 'launch-day', '--scale', '0.02', '--plan', p.file, '--workers', '5', '--out', out, '--quiet'],
      { timeoutMs: 170_000 },
    );
    expect(flags.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).notes[0]).toContain(
      `5 workers × ${p.serviceMs} ms`,
    );
    const lone = await rehearseCli(['simulate', 'launch-day', '--instances', '2', '--out', out], {
      timeoutMs: 170_000,
    });
    expect(lone.code).toBe(2);
    expect(lone.stderr.trim()).toBe(
      'rehearse: --instances: only with --plan (the instance it counts comes from the plan)',
    );
    const bad = join(out, 'not-a-plan.json');
    writeFileSync(bad, JSON.stringify({ version: 1, kind: 'sweep' }));
    const notPlan = await rehearseCli(['simulate', 'launch-day', '--plan', bad, '--out', out], { timeoutMs: 170_000 });
    expect(notPlan.code).toBe(2);
    expect(notPlan.stderr.trim().split('\n')).toHaveLength(1);
    expect(notPlan.stderr).toContain(`${bad}: not a plan.json: kind:`);
  }, 300_000);
});
