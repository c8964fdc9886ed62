import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioInput } from '../../src/scenario/load.js';
import { normalize } from '../../src/scenario/normalize.js';
import { portalAtKnobs } from '../../src/scenario/portal-scale.js';

/** Requests a portal serves per second of run time: workers ÷ mean service time. */
const capacity = (p: { workers: number; serviceMs: number }) => (p.workers * 1000) / p.serviceMs;

describe('a calibrated portal at other knobs is the same real-day portal (src/scenario/portal-scale.ts)', () => {
  it('at the knobs it was fitted at, and without fittedAt, the settings are used as written', async () => {
    const day = await loadScenario('launch-day');
    expect(day.portal).toEqual({
      strategy: 'throttle',
      quota: 100,
      maxActive: 1,
      workers: 1,
      serviceMs: 140,
      retryAfterSec: 1,
    });
    const input = await loadScenarioInput('launch-day');
    const { fittedAt: _, ...unfitted } = input.portal;
    expect(normalize({ ...input, portal: unfitted }, { scale: 1, timeScale: 1 }).portal).toEqual({
      ...unfitted,
      quota: 2_800,
    });
  });

  it('launch-day in real time at full scale: one worker × 3.6 s behind a cap of one, Retry-After 12 minutes', async () => {
    const full = await loadScenario('launch-day', { scale: 1, timeScale: 1 });
    // Capacity ÷ (scale × time scale) is the real day's: 7.14/s ÷ (1/28 × 720) = 0.278/s.
    expect(capacity(full.portal)).toBeCloseTo(1000 / 140 / ((400 / 11_200) * 720), 9);
    expect(full.portal).toMatchObject({ workers: 1, maxActive: 1, serviceMs: 3_600, retryAfterSec: 720, quota: 2_800 });
    expect(full.portalFittedAt).toEqual({ scale: 400 / 11_200, timeScale: 720 });
    // At full scale but the default time scale: 28 times the capacity, in workers and cap.
    const fast = await loadScenario('launch-day', { scale: 1 });
    expect(fast.portal).toMatchObject({ workers: 28, maxActive: 28, serviceMs: 140, retryAfterSec: 1 });
  });

  it('election night at full scale in real time: 158 workers with the rounding in the service time, a queue timeout of 7.5 s', async () => {
    const night = await loadScenario('election-night', { scale: 1, timeScale: 1 });
    // 19 × 50 ms at 0.002 × 60: 380/s of run time = 3,167/s of the real night, 158.3 workers → 158.
    expect(night.portal).toMatchObject({ strategy: 'open', workers: 158, serviceMs: 49.895, queueTimeoutMs: 7_500 });
    // Exact but for the service time's rounding to the microsecond (49.8947… ms).
    expect(capacity(night.portal) / (380 / (0.002 * 60))).toBeCloseTo(1, 4);
    // The week before meets the same portal at any knobs.
    const before = await loadScenario('election-night-week-before', { scale: 1, timeScale: 1 });
    expect(before.portal).toEqual(night.portal);
  });

  it('the queue timeout is a wait of the real day: the backlog at which 504s begin is the same real-day number of requests at any knobs', async () => {
    // Capacity × queue timeout is the line a portal holds before it answers 504; a run's
    // line is `scale` times the real day's, so line ÷ scale must not depend on the knobs.
    const line = (p: { workers: number; serviceMs: number; queueTimeoutMs?: number }, scale: number) =>
      (capacity(p) * (p.queueTimeoutMs ?? Number.NaN)) / 1000 / scale;
    const fitted = await loadScenario('election-night');
    expect(fitted.portal).toMatchObject({ workers: 19, serviceMs: 50, queueTimeoutMs: 125 });
    const real = line(fitted.portal, 0.002); // 380/s × 0.125 s ÷ 0.002 = 23,750 requests of the night
    expect(real).toBeCloseTo(23_750, 6);
    for (const knobs of [
      { scale: 1, timeScale: 1 },
      { scale: 0.02, timeScale: 1 },
      { scale: 0.002, timeScale: 1 },
      { scale: 1, timeScale: 60 },
      { scale: 0.01, timeScale: 10 },
      { scale: 0.002, timeScale: 720 },
    ]) {
      const p = (await loadScenario('election-night', knobs)).portal;
      // Within the microsecond rounding of the service time and the timeout.
      expect(line(p, knobs.scale) / real, JSON.stringify(knobs)).toBeCloseTo(1, 4);
    }
    // A wait of the real day, like Retry-After: × fitted time scale ÷ time scale, not with the scale.
    expect((await loadScenario('election-night', { scale: 1 })).portal.queueTimeoutMs).toBe(125);
    expect((await loadScenario('election-night', { scale: 0.02, timeScale: 1 })).portal).toMatchObject({
      workers: 3,
      serviceMs: 47.368,
      queueTimeoutMs: 7_500,
    });
  });

  it('never below one worker: a portal that shrinks past one keeps one and lengthens its service time', () => {
    const p = portalAtKnobs(
      {
        strategy: 'waiting-room',
        workers: 4,
        serviceMs: 20,
        serviceMsByOp: { applications: 40 },
        maxActive: 8,
        admitPerSec: 10,
        codeTtlMs: 60_000,
        passTtlMs: 30_000,
        queueTimeoutMs: 2_000,
        fittedAt: { scale: 0.5, timeScale: 100 },
      },
      { scale: 1, timeScale: 1 },
    );
    // f = (1 × 1) ÷ (0.5 × 100) = 0.02: 4 workers × 0.02 = 0.08 → 1 worker, 20 ms × 1 ÷ 0.08 = 250 ms.
    expect(p).toEqual({
      strategy: 'waiting-room',
      workers: 1,
      serviceMs: 250,
      serviceMsByOp: { applications: 500 },
      maxActive: 2,
      admitPerSec: 0.2,
      codeTtlMs: 6_000_000,
      passTtlMs: 3_000_000,
      queueTimeoutMs: 200_000,
    });
  });
});
