import { describe, expect, it } from 'vitest';
import { describeScenario } from '../../src/scenario/describe.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('built-in scenarios are calibrated to the sources', () => {
  it('launch-day: 400 candidates for a quota of 100 in about 20 s by default; 2,800 at full scale; throttle', async () => {
    const s = await loadScenario('launch-day');
    expect([s.population, s.portal.quota, s.windowMs, s.portal.strategy]).toEqual([400, 100, 20_000, 'throttle']);
    expect(s.openingMs).toBeGreaterThan(0); // accounts first, then the opening
    const full = await loadScenario('launch-day', { scale: 1 });
    expect(full.portal.quota).toBe(2_800);
  });

  it('election-night: about 2,000 at once at --scale 0.01, 17,000 → 200,000 at full scale, US 50 % CA 37 % AU 3 % UK 1 %', async () => {
    const p = describeScenario(await loadScenario('election-night', { scale: 0.01 }));
    // Little's law: 0.01 × 200,000 = 2,000; the 6 requests' service time (6 × 50 ms, not
    // compressed) lengthens the 6 s visit of the replay at 60× to 6.3 s: 2,000 × 6.3 / 6 = 2,100.
    expect(p.peakConcurrency).toBeGreaterThan(2_050);
    expect(p.peakConcurrency).toBeLessThan(2_110);
    const real = describeScenario(await loadScenario('election-night', { scale: 1, timeScale: 1 }));
    expect(Math.round(real.peakConcurrency / 1000)).toBe(200);
    const s = await loadScenario('election-night');
    const share = Object.fromEntries(s.countries.map((c) => [c.code, c.share]));
    expect([share.US, share.CA, share.AU, share.GB]).toEqual([0.5, 0.37, 0.03, 0.01]);
    expect(Math.max(...s.curve.map((c) => c.rate))).toBeCloseTo(200_000 / 17_000, 6);
  });

  it('eoi-draw: one round of 23 on 16 Jan 2020 under the Arrima rules', async () => {
    const s = await loadScenario('eoi-draw');
    expect(s.operator).toEqual([
      {
        atMs: s.windowMs,
        op: 'inviteRound',
        size: 23,
        criteria: { submittedBefore: '2019-12-17T00:00:00-05:00', attributes: { presentInQuebecWithPermit: true } },
      },
    ]);
    expect(s.profile.presenceDate).toBe('2019-06-16');
  });

  it('status-tracker: e-mailed code, sign-in, then polling of one’s own status', async () => {
    const s = await loadScenario('status-tracker');
    expect(s.journey.steps.map((x) => x.op)).toEqual([
      'createAccount',
      'submitApplication',
      'requestCode',
      'readMailbox',
      'signIn',
      'checkStatus',
    ]);
    expect(s.journey.steps[5]!.repeat).toBeGreaterThan(1);
  });
});
