import { describe, expect, it } from 'vitest';
import { ACTIVATION_MS_PER_VU, compileOptions, k6ScenarioName } from '../../../src/engine/k6/options.js';
import { iterationStartTimes } from '../../../src/scenario/arrival-clock.js';
import { compileStages, stagesArea, TAIL_MS } from '../../../src/scenario/arrival-stages.js';
import { goDuration } from '../../../src/util/duration.js';
import { compileThresholds } from '../../../src/engine/k6/thresholds.js';
import { littlesLaw, peakOverlap, sizeVus } from '../../../src/engine/k6/vus.js';
import { cdfAt, curveDistribution } from '../../../src/scenario/curve.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { normalize } from '../../../src/scenario/normalize.js';
import launchDay from '../../../scenarios/launch-day.js';
import { flatMinute } from './fixtures.js';

const scenario = normalize(launchDay);

describe('stages follow the arrival curve', () => {
  it('has one stage per curve segment, targets proportional to the curve rates', () => {
    // A rush curve: points at 0, 10, 30, 240 min replayed 720× faster, rates 100, 40, 10, 2.
    const min = (m: number) => (m * 60_000) / 720;
    const curve = [
      { atMs: min(0), rate: 100 },
      { atMs: min(10), rate: 40 },
      { atMs: min(30), rate: 10 },
      { atMs: min(240), rate: 2 },
    ];
    const s = compileStages(curve, min(240), 400);
    // Three segments, then a zero-rate tail that keeps k6's scenario open past the last arrival.
    expect(s.stageMs).toEqual([833.333, 1666.667, 17500, 0, TAIL_MS]);
    expect(s.stages.slice(3)).toEqual([
      { duration: '0ms', target: 0 },
      { duration: `${TAIL_MS}ms`, target: 0 },
    ]);
    // Area of the relative curve in rate·ms, by trapezoids.
    const area = 70 * min(10) + 25 * min(20) + 6 * min(210);
    const perUnit = (rate: number) => Math.ceil((rate * 400 * s.unitMs) / area - 1e-9);
    expect(s.timeUnit).toBe('1m'); // the smallest unit at least twice the 20 s window
    expect([s.startRate, ...s.stages.slice(0, 3).map((x) => x.target)]).toEqual([
      perUnit(100),
      perUnit(40),
      perUnit(10),
      perUnit(2),
    ]);
  });

  it('integrates to the population within rounding, so k6 starts exactly N iterations', () => {
    for (const n of [1, 7, 400, 11_200, 200_000]) {
      const s = compileStages(scenario.curve, scenario.windowMs, n);
      const area = stagesArea(s);
      expect(area).toBeGreaterThanOrEqual(n);
      expect(area - n).toBeLessThan(0.5);
      expect(iterationStartTimes(s, n + 5)).toHaveLength(n);
    }
  });

  it('starts iteration n where the curve has delivered n+1 arrivals', () => {
    const n = 400;
    const s = compileStages(scenario.curve, scenario.windowMs, n);
    const t = iterationStartTimes(s, n);
    const d = curveDistribution(scenario.curve, scenario.windowMs);
    // Rounding up the rates makes k6 run at most 0.5 iteration ahead of the curve.
    for (let i = 0; i < n; i++) {
      const expected = (i + 1) / n;
      expect(cdfAt(d, t[i] as number)).toBeGreaterThan(expected - 0.5 / n - 1e-9);
      expect(cdfAt(d, t[i] as number)).toBeLessThanOrEqual(expected + 1e-9);
    }
  });

  it('holds the curve flat before its first point, as the population does', () => {
    const s = compileStages([{ atMs: 5_000, rate: 1 }], 10_000, 100);
    // Two flat segments, 0–5 s and 5–10 s, at the one point's rate.
    expect(s.stages.map((x) => x.target)).toEqual([s.startRate, s.startRate, 0, 0]);
    // A flat rate of 10 per second: iteration n at (n+1)·100 ms, as k6 computes it.
    const t = iterationStartTimes(s, 100);
    expect(t[0]).toBeCloseTo(100, 6);
    expect(t[99]).toBeCloseTo(10_000, 6);
  });

  it('writes durations as Go duration strings', () => {
    expect(goDuration(833.3333333)).toBe('833.333ms');
    expect(goDuration(17_500)).toBe('17500ms');
  });
});

describe("VUs by Little's law", () => {
  it('L = λ·W', () => {
    expect(littlesLaw(10 / 1000, 6_000)).toBe(60);
  });

  it('counts the peak overlap of busy intervals', () => {
    expect(peakOverlap([0, 1, 2, 10], [5, 6, 7, 11])).toBe(3);
    expect(peakOverlap([0, 5, 10], [5, 10, 15])).toBe(1); // touching intervals do not overlap
  });

  it('sizes a constant-rate scenario at λ·W', () => {
    // 600 candidates, 10 per second, each arriving when k6 starts its iteration,
    // patience 5 s, requests time out after 1 s: W = 6 s.
    const { scenario: flat, population } = flatMinute(scenario, 10, 5);
    const c = compileOptions({ scenario: flat, population, requestTimeoutMs: 1_000 });
    // Starts 100 ms apart, each busy 6 s: λ·W = 60 overlap at the peak (touching ends do not count).
    expect(c.vus.peak).toBe(littlesLaw(10 / 1000, 6_000));
    expect(c.vus.preAllocatedVUs).toBe(Math.ceil(60 * 1.1) + 2);
    expect(c.vus.maxVUs).toBe(c.vus.preAllocatedVUs);
    expect(c.activationMs).toBe(Math.ceil(c.vus.preAllocatedVUs * ACTIVATION_MS_PER_VU));
  });

  it('never exceeds the population or --max-concurrent', () => {
    expect(sizeVus(500, 400).maxVUs).toBe(400);
    expect(sizeVus(500, 10_000, 50).maxVUs).toBe(50);
  });
});

describe('options for launch-day', () => {
  const population = [...generatePopulation(scenario, 7)];
  const c = compileOptions({ scenario, population, requestTimeoutMs: 10_000 });
  const sc = c.options.scenarios['launch-day'];

  it('is one ramping-arrival-rate scenario named after the rehearsal scenario', () => {
    expect(Object.keys(c.options.scenarios)).toEqual(['launch-day']);
    expect(sc?.executor).toBe('ramping-arrival-rate');
    expect(k6ScenarioName('election night/2016')).toBe('election_night_2016');
  });

  it('starts exactly one iteration per candidate, the last before the window closes', () => {
    const t = iterationStartTimes(c.schedule, population.length + 1);
    expect(t).toHaveLength(population.length);
    expect(c.count).toBe(population.length);
    expect(t[t.length - 1]).toBeLessThanOrEqual(scenario.windowMs);
    // The schedule follows the curve: the median candidate arrives where the curve's integral is half.
    const half = t[Math.floor(population.length / 2)] as number;
    const mid = population[Math.floor(population.length / 2)]!.arrivalMs + scenario.openingMs;
    expect(Math.abs(half - mid)).toBeLessThan(scenario.windowMs * 0.05);
  });

  it('turns objectives into thresholds', () => {
    expect(scenario.objectives).toEqual(['http_req_duration{op:submitApplication}: p(95)<2000']);
    expect(c.options.thresholds).toEqual({ 'http_req_duration{op:submitApplication}': ['p(95)<2000'] });
  });

  it('gives journeys time to finish after the last arrival', () => {
    const longest = Math.max(...population.map((p) => p.persona.patienceMs)) / scenario.journey.timeScale + 10_000;
    expect(sc?.gracefulStop).toBe(goDuration(Math.ceil(longest)));
  });
});

describe('thresholds', () => {
  it('groups expressions by metric and accepts several per objective', () => {
    expect(
      compileThresholds([
        'http_req_duration{op:submitApplication}: p(95)<800, p(99)<1500',
        'http_req_failed: rate<0.01',
        'http_req_duration{op:submitApplication}: max < 5000',
      ]),
    ).toEqual({
      'http_req_duration{op:submitApplication}': ['p(95)<800', 'p(99)<1500', 'max<5000'],
      http_req_failed: ['rate<0.01'],
    });
  });

  it('lists every bad objective in one message', () => {
    expect(() =>
      compileThresholds(['http_req_duration p95<800', 'http_reqs: count>>3', 'ok: rate<0.1'], 'scenario x'),
    ).toThrow(/scenario x: objectives\[0\].*; objectives\[1\] "http_reqs: count>>3"/);
  });
});

describe("arrivals: 'poisson' in k6", () => {
  it('is refused with one line naming the scenario and the field (no executor starts iterations at random times)', () => {
    const poisson = { ...scenario, arrivals: 'poisson' as const };
    const population = [...generatePopulation(poisson, 2, { identity: false })];
    expect(() => compileOptions({ scenario: poisson, population, requestTimeoutMs: 1000 })).toThrow(
      /^scenario launch-day: arrivals: expected 'exact' for the k6 engine \('poisson' draws random arrival times, which no k6 executor can start; run it with --engine node or sim\)$/,
    );
    expect(() => compileOptions({ scenario, population, requestTimeoutMs: 1000 })).not.toThrow();
  });
});
