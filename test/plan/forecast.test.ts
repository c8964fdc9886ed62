import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/compare/stats/random.js';
import { bistability } from '../../src/plan/forecast/bistability.js';
import { runFluid } from '../../src/plan/forecast/fluid.js';
import { fluidInputs, type FluidInputs } from '../../src/plan/forecast/inputs.js';
import { waitingRoomWaits } from '../../src/plan/forecast/waiting-room.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('fluid forecast', () => {
  it('accounts for every launch-day candidate exactly once and never oversells the quota', async () => {
    const s = await loadScenario('launch-day');
    const r = runFluid(fluidInputs(s, 66.7, 10_000));
    expect(r.accepted).toBeCloseTo(100, 9);
    expect(r.accepted + r.quotaFull + r.gaveUp).toBeCloseTo(400, 6);
    expect(r.quotaFillMs).not.toBeNull();
    // Demand far beyond capacity at the opening: each candidate brings many attempts.
    expect(r.retryAmplification).toBeGreaterThan(5);
  });

  it('with capacity to spare nobody retries: one attempt per request of the visit', async () => {
    const s = await loadScenario('election-night');
    const r = runFluid(fluidInputs(s, 1e6, 10_000));
    expect(r.retryAmplification).toBeCloseTo(6, 6);
    expect(r.gaveUp).toBeLessThan(1e-6 * s.population);
    expect(r.completed).toBeCloseTo(s.population, 3);
  });

  it('less capacity fills the quota later and turns more away', async () => {
    const s = await loadScenario('launch-day');
    const fast = runFluid(fluidInputs(s, 80, 10_000));
    const slow = runFluid(fluidInputs(s, 40, 10_000));
    expect(slow.quotaFillMs as number).toBeGreaterThan(fast.quotaFillMs as number);
    expect(slow.gaveUp).toBeGreaterThan(fast.gaveUp);
  });
});

/** A surge to 3× capacity for a minute, then demand at 40 % of capacity: the textbook metastable trigger. */
function surge(admission: 'reject' | 'queue'): FluidInputs {
  return {
    population: 60 * 300 + 240 * 40,
    curve: [
      { atMs: 0, rate: 300 },
      { atMs: 60_000, rate: 300 },
      { atMs: 60_001, rate: 40 },
      { atMs: 300_000, rate: 40 },
    ],
    windowMs: 300_000,
    openingMs: 0,
    ops: ['browse'],
    opThinkMs: [null],
    quotaOp: null,
    quota: null,
    personas: [
      { name: 'refresher', share: 1, patienceMs: 120_000, retryMs: 2_000, honoursRetryAfter: false, thinkMs: 0 },
    ],
    capacityPerSec: 100,
    admission,
    slots: 8,
    clientTimeoutMs: 5_000,
    queueTimeoutMs: 30_000,
    retryAfterMs: 1_000,
    admitPerSec: 50,
    responseMs: 10,
  };
}

describe('bistability', () => {
  it('flags a queue that wastes work on timed-out clients, and the fluid run stays overloaded after the surge', () => {
    const b = bistability(surge('queue'));
    expect(b.postSurgeRequestsPerSec).toBeCloseTo(40, 2);
    // 1 + 120 s / 2 s = 61 attempts per failing visitor: 40 × 61 ≫ 100.
    expect(b.failingAmplification).toBeCloseTo(61, 6);
    expect(b.bistable).toBe(true);
    // Overloaded for the whole 240 s after the surge: retries alone keep it there.
    const r = runFluid(surge('queue'));
    expect(r.overloadedAfterSurgeMs).toBeGreaterThan(230_000);
  });

  it('a portal that rejects at once recovers when the surge passes', () => {
    expect(bistability(surge('reject')).bistable).toBe(false);
    // The orbit built in the surge (≈ 12,000 waiting to retry) drains through successes and
    // abandonment; then attempts fall back to the fresh 40/s.
    const r = runFluid(surge('reject'));
    expect(r.overloadedAfterSurgeMs).toBeLessThan(150_000);
    const end = r.series.filter(([t]) => t > 250_000 && t < 300_000);
    for (const [, fresh, attempts] of end) expect(attempts).toBeCloseTo(fresh, 0);
  });
});

describe('waiting room', () => {
  it('FCFS waits follow Lindley’s recursion: a steady stream into a slower server', () => {
    // 100/s for 10 s (1,000 people) into a room admitting 50/s from t = 0: the last waits 1000/50 − 10 = 10 s.
    const w = waitingRoomWaits(
      [
        { atMs: 0, rate: 1 },
        { atMs: 10_000, rate: 1 },
      ],
      10_000,
      0,
      1000,
      50,
      seededRandom(1),
    );
    expect(w.preQueue).toBe(0);
    // Wait of the i-th (arriving at i/100 s) is i/50 − i/100 = i/100 s: mean 5 s, p95 9.5 s.
    expect(w.fcfs.meanMs).toBeCloseTo(5000, -2);
    expect(w.fcfs.p95Ms).toBeCloseTo(9500, -2);
  });

  it('a shuffled pre-queue keeps the mean and spreads the early arrivals', () => {
    // 1,000 arrive in the 10 s before an opening at 10 s; admitted at 100/s.
    const w = waitingRoomWaits(
      [
        { atMs: 0, rate: 1 },
        { atMs: 10_000, rate: 1 },
      ],
      10_000,
      10_000,
      1000,
      100,
      seededRandom(3),
    );
    expect(w.preQueue).toBe(1000);
    expect(w.shuffled.meanMs).toBeCloseTo(w.fcfs.meanMs, -1);
  });
});
