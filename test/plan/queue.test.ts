import { describe, expect, it } from 'vitest';
import { erlangB } from '../../src/plan/queue/erlang-b.js';
import { erlangC } from '../../src/plan/queue/erlang-c.js';
import { requestRate, usersSustained } from '../../src/plan/queue/little.js';
import { mmcWait } from '../../src/plan/queue/mmc-wait.js';
import { mmck } from '../../src/plan/queue/mmck.js';
import { serversForWait } from '../../src/plan/queue/servers-for-wait.js';

/**
 * Expected values computed independently with Python's mpmath 1.3.0 at 50 significant
 * digits from the closed forms (not the recursions under test): Erlang B as
 * (aᶜ/c!) / Σₖ aᵏ/k!, Erlang C as (aᶜ/c!·c/(c−a)) / (Σ_{k<c} aᵏ/k! + aᶜ/c!·c/(c−a)),
 * M/M/c/K from its unnormalised stationary terms summed directly, and the staffing
 * answer by the same search over c with those formulas. The script is reproduced in
 * docs/capacity-planning.md ("How the queueing numbers are checked").
 */
const close = (got: number, want: number, rel = 1e-10) =>
  expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(rel);

describe('Erlang B', () => {
  it.each([
    [1, 0.5, 0.33333333333333333],
    [10, 7, 0.078740882969570255],
    [100, 90, 0.026957380464359215],
    [300, 280, 0.012892052026519754],
    [500, 520, 0.06139983916231046],
  ])('B(%i, %d) matches mpmath', (c, a, want) => close(erlangB(c, a), want));

  it('is 1 with no servers and refuses nonsense', () => {
    expect(erlangB(0, 5)).toBe(1);
    expect(() => erlangB(2.5, 1)).toThrow(/whole number/);
    expect(() => erlangB(3, -1)).toThrow(/offered load/);
  });
});

describe('Erlang C and the M/M/c wait', () => {
  // λ = a / 0.05 s, mean service time 0.05 s.
  it.each([
    [10, 7, 0.22173121588381545, 0.0036955202647302581, 0.024824048394085327],
    [100, 90, 0.21694048090636638, 0.0010847024045318325, 0.0073380001447638588],
    [300, 280, 0.16381416929292013, 0.00040953542323230067, 0.0029667741646734566],
  ])('C(%i, %d), mean and p95 wait match mpmath', (c, a, wantC, wantMean, wantP95) => {
    close(erlangC(c, a), wantC);
    const w = mmcWait(c, a / 0.05, 0.05, 0.95);
    close(w.probWait, wantC);
    close(w.meanS, wantMean, 1e-9);
    close(w.quantileS, wantP95, 1e-9);
  });

  it('an overloaded queue waits for ever', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(mmcWait(10, 300, 0.05).meanS).toBe(Infinity);
  });

  it('finds the fewest servers for a p95 wait objective (matches the mpmath search)', () => {
    expect(serversForWait(1000, 0.1, 0.05)).toBe(105);
    expect(serversForWait(1000, 0.1, 0.005)).toBe(115);
    expect(serversForWait(50, 0.2, 0)).toBe(17);
  });
});

describe('M/M/c/K in log space', () => {
  it.each([
    [5, 5, 3, 0.11005434782608696, 2.6698369565217391, 0],
    [10, 20, 9, 0.029510061564106895, 11.039661065501521, 2.3052516195784829],
    [200, 260, 210, 0.048780284817948116, 241.82840023572476, 42.072260047493864],
    [2000, 2100, 2050, 0.025041900055905963, 2063.7435377631576, 65.079432877764823],
  ])('c=%i K=%i a=%d: blocking, L and Lq match mpmath', (c, k, a, wantB, wantL, wantLq) => {
    const r = mmck(c, k, a);
    close(r.blocking, wantB, 1e-9);
    close(r.meanInSystem, wantL, 1e-9);
    if (wantLq === 0) expect(r.meanQueue).toBe(0);
    else close(r.meanQueue, wantLq, 1e-9);
    close(r.carried, a * (1 - wantB), 1e-9);
  });

  it('with no waiting room it is Erlang B', () => close(mmck(300, 300, 280).blocking, erlangB(300, 280), 1e-9));
});

describe("Little's law", () => {
  it('turns users and think time into requests per second and back', () => {
    expect(requestRate(200_000, 60)).toBeCloseTo(3333.333, 3);
    expect(requestRate(100, 9, 1)).toBe(10);
    expect(usersSustained(10, 9, 1)).toBe(100);
    expect(() => requestRate(1, 0, 0)).toThrow(/think \+ response/);
  });
});
