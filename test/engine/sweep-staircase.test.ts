import { describe, expect, it } from 'vitest';
import { Staircase, type StaircaseOptions } from '../../src/engine/sweep/staircase.js';

const OPTS: StaircaseOptions = { start: 1, growth: 2, levels: 12, max: 1024, errorLimit: 0.05, integer: true };

/** Runs a staircase against a portal given as goodput(load) and error(load). */
function drive(o: StaircaseOptions, goodput: (n: number) => number, errors: (n: number) => number = () => 0) {
  const s = new Staircase(o);
  const loads: number[] = [];
  for (let n = s.next(); n !== null; n = s.next()) {
    loads.push(n);
    s.record({ load: n, goodput: goodput(n), errorRate: errors(n) });
  }
  return { loads, reason: s.reason };
}

describe('sweep staircase', () => {
  it('climbs geometrically, then fills in around the knee and beyond it', () => {
    // Saturates at 10 (capacity 100/s).
    const { loads, reason } = drive(OPTS, (n) => 10 * Math.min(n, 10));
    expect(loads.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(loads).toHaveLength(12);
    expect(new Set(loads).size).toBe(12);
    // The fill lands between 8 and 32 and beyond 32.
    const fill = loads.slice(6);
    expect(fill.filter((n) => n > 8 && n < 32).length).toBeGreaterThanOrEqual(3);
    expect(fill.filter((n) => n > 32).length).toBeGreaterThanOrEqual(2);
    expect(reason).toBe('completed');
  });

  it('stops on a collapsing portal: goodput falling at two levels in a row past the knee', () => {
    const { loads, reason } = drive(OPTS, (n) => (n <= 16 ? 10 * n : 160 - 2 * (n - 16)));
    expect(reason).toBe('collapsed');
    expect(loads.length).toBeLessThan(12);
  });

  it('stops climbing when errors pass the limit and fills in below', () => {
    const { loads, reason } = drive(
      OPTS,
      (n) => 10 * n,
      (n) => (n >= 16 ? 0.2 : 0),
    );
    expect(Math.max(...loads)).toBe(16);
    expect(reason).toBe('error-limit');
    expect(loads).toHaveLength(12);
  });

  it('says so when goodput is still rising at the ceiling', () => {
    expect(drive({ ...OPTS, max: 20 }, (n) => 10 * n).reason).toBe('ceiling');
    expect(drive({ ...OPTS, levels: 4 }, (n) => 10 * n).reason).toBe('still-rising');
  });
});
