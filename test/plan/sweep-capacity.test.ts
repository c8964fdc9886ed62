import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PlanSchema } from '../../src/plan/schema.js';
import { SweepSchema } from '../../src/results/sweep.js';
import { rehearseCli } from '../cli/cli.js';

const BIN = fileURLToPath(new URL('../../bin/rehearse.js', import.meta.url));

/**
 * The acceptance test of the sweep and the plan together, loopback only: the reference
 * portal with 4 workers and a constant 200 ms service time can carry exactly 4 ÷ 0.2 s =
 * 20 requests per second (Little's law on its worker slots, whatever the machine). Small
 * (8 levels of 0.5 s + 3 s) and loose where a busy machine adds noise (10 %). The service
 * time is long on purpose: a timer that fires 10 ms late on a loaded machine is 5 % of it,
 * and a 25 ms service time fell outside 10 % once when the machine ran at load 50.
 */
describe('rehearse sweep → rehearse plan against the reference portal', () => {
  it('recovers the portal’s known capacity within 10 %, and the plan names it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sweep-'));
    const s = await rehearseCli(
      [
        'sweep',
        '--workers',
        '4',
        '--service-ms',
        '200',
        '--service-dist',
        'constant',
        '--levels',
        '8',
        '--warmup',
        '500ms',
        '--steady',
        '3s',
        '--out',
        out,
      ],
      { timeoutMs: 170_000 },
    );
    expect(s.stderr).toMatch(/reference portal \(open, 4 workers × 200 ms constant: 20\/s\)/);
    expect(s.code).toBe(0);
    const sweep = SweepSchema.parse(JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')));
    expect(sweep.levels).toHaveLength(8);
    expect(sweep.target.reference?.capacityPerSec).toBe(20);
    const best = Math.max(...sweep.levels.map((l) => l.throughput));
    expect(Math.abs(best - 20) / 20).toBeLessThan(0.1);
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8').split('\n')[0]).toMatch(
      /^level,concurrency,offered_per_s,carried_per_s,throughput,/,
    );

    const p = await rehearseCli(['plan', join(out, 'sweep.json'), '--format', 'json', '--resamples', '200'], {
      timeoutMs: 170_000,
    });
    expect(p.code).toBe(0);
    const plan = PlanSchema.parse(JSON.parse(p.stdout));
    expect(Math.abs(plan.capacity.perInstance - 20) / 20).toBeLessThan(0.1);
    expect(plan.capacity.workersPerInstance).toBe(4);
    // Implied service time: workers ÷ peak throughput ≈ 200 ms.
    expect(Math.abs((plan.capacity.serviceMs as number) - 200) / 200).toBeLessThan(0.1);
  }, 180_000);

  it('Ctrl-C keeps the levels measured and exits 130', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sweep-int-'));
    const child = spawn(
      process.execPath,
      [
        BIN,
        'sweep',
        '--workers',
        '2',
        '--service-ms',
        '25',
        '--levels',
        '8',
        '--warmup',
        '200ms',
        '--steady',
        '1s',
        '--out',
        out,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (/level 2\/8/.test(stderr)) {
          clearInterval(check);
          resolve();
        }
      }, 50);
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    const sweep = SweepSchema.parse(JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')));
    expect(sweep.status).toBe('interrupted');
    expect(sweep.levels.length).toBeGreaterThanOrEqual(2);
    expect(sweep.levels.length).toBeLessThan(8);
  }, 180_000);
});
