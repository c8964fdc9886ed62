import { join } from 'node:path';
import { analyzeRun, type Summary } from '../../../src/analyze/index.js';
import { nodeEngine } from '../../../src/engine/node/index.js';
import { runSim } from '../../../src/engine/sim/run.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { startPortal } from '../../../src/portal/index.js';
import { loadScenarioInput } from '../../../src/scenario/load.js';
import { normalize } from '../../../src/scenario/normalize.js';
import type { Scenario } from '../../../src/scenario/types.js';
import { loadTarget } from '../../../src/target/load.js';

const REFERENCE = new URL('../../../targets/reference.json', import.meta.url).pathname;

/** The four figures the simulator is validated on (docs/simulation.md, "Validation"). */
export interface Figures {
  accepted: number;
  fillTimeMs: number | null;
  throttledShare: number;
  medianTimeToOutcomeMs: number | null;
  requests: number;
}

/** Median time to outcome over every journey, from the per-outcome CDFs weighted by their counts. */
export function medianTimeToOutcome(s: Summary): number | null {
  const j = s.journeys;
  const cdf = s.timeToOutcomeCdf;
  if (!j || !cdf || j.candidates === 0) return null;
  const xs = [...new Set(cdf.map((r) => r[1]))].sort((a, b) => a - b);
  const outcomes = Object.entries(j.outcomes) as Array<[string, number]>;
  const at = (o: string, x: number) => cdf.reduce((v, r) => (r[0] === o && r[1] <= x && r[2] > v ? r[2] : v), 0);
  for (const x of xs) {
    const f = outcomes.reduce((a, [o, n]) => a + n * at(o, x), 0) / j.candidates;
    if (f >= 0.5) return x;
  }
  return null;
}

export function figures(s: Summary): Figures {
  return {
    accepted: s.quota?.accepted ?? 0,
    fillTimeMs: s.quota?.filled ? s.quota.fillTimeMs : null,
    throttledShare: s.classes?.rates.throttled ?? 0,
    medianTimeToOutcomeMs: medianTimeToOutcome(s),
    requests: s.throughput.requests,
  };
}

/**
 * What the machine added to a request beyond the portal's service time, measured in
 * the node run: the median latency of account creations (served, rarely turned away)
 * less their mean service time. On an idle machine about a millisecond; on a loaded
 * one tens. The model is given it as its round trip (`rttMs`), as one would give it a
 * real network's.
 */
export function overheadMs(s: Summary, scenario: Scenario): number {
  const p50 = s.latency.byOp.createAccount?.p50;
  const service = scenario.portal.serviceMsByOp?.accounts ?? scenario.portal.serviceMs;
  return p50 === undefined ? 0 : Math.max(0, Math.round((p50 - service) * 10) / 10);
}

/**
 * The same population (scenario, seed) rehearsed twice: by the node engine against
 * the real reference portal on loopback, started with the scenario's settings as
 * `rehearse run` starts it, and by the sim engine against its model of those settings.
 */
export async function nodeVsSim(
  scenario: Scenario,
  seed: number,
  dir: string,
): Promise<{ node: Figures; sim: Figures; nodeSummary: Summary; simSummary: Summary; rttMs: number }> {
  const target = await loadTarget(REFERENCE);
  const startAt = Date.now() + 1000 + scenario.openingMs;
  const portal = await startPortal({ ...scenario.portal, opensAtEpochMs: startAt, host: '127.0.0.1', port: 0 });
  try {
    await nodeEngine.run({
      scenario,
      population: generatePopulation(scenario, seed),
      populationSize: scenario.population,
      target,
      baseUrl: portal.url,
      outDir: join(dir, 'node'),
      seed,
      startAt,
      portalStats: () => portal.stats() as unknown as Promise<Record<string, unknown>>,
    });
  } finally {
    await portal.close();
  }
  const nodeSummary = await analyzeRun([join(dir, 'node')], { threads: 1 });
  const rttMs = overheadMs(nodeSummary, scenario);
  const sim = await runSim({
    scenario,
    population: generatePopulation(scenario, seed, { identity: false }),
    populationSize: scenario.population,
    target,
    baseUrl: '',
    outDir: join(dir, 'sim'),
    seed,
    rttMs,
  });
  return { node: figures(nodeSummary), sim: figures(sim.summary), nodeSummary, simSummary: sim.summary, rttMs };
}

/**
 * launch-day's first hour (the account phase and the opening, where the quota fills),
 * 56 candidates for 14 places as in the full day's 4 per place, replayed 60× faster:
 * one minute of loopback load, bounded (docs/simulation.md, "Validation").
 */
export async function firstHour(): Promise<Scenario> {
  const day = await loadScenarioInput('launch-day');
  return normalize(
    {
      ...day,
      population: 56,
      windowMin: 60,
      curve: day.curve.filter((p) => p.atMin <= 50).concat([{ atMin: 60, rate: 25 }]),
      // The fitted portal's settings as written (1 × 140 ms behind a cap of 1): the
      // comparison is of the model against the portal at the same settings, not of the day.
      portal: { ...withoutFit(day.portal), quota: 14 },
    },
    { scale: 1, timeScale: 60 },
  );
}

function withoutFit<T extends { fittedAt?: unknown }>(p: T): Omit<T, 'fittedAt'> {
  const { fittedAt: _, ...rest } = p;
  return rest;
}

/** The sim engine's quota fill times for the populations of seeds 1…n (unfilled days left out), in run-time ms. */
export async function simulatedFills(scenario: Scenario, n: number, dir: string): Promise<number[]> {
  const target = await loadTarget(REFERENCE);
  const fills: number[] = [];
  for (let seed = 1; seed <= n; seed++) {
    const r = await runSim({
      scenario,
      population: generatePopulation(scenario, seed, { identity: false }),
      populationSize: scenario.population,
      target,
      baseUrl: '',
      outDir: join(dir, `sim-${seed}`),
      seed,
    });
    if (r.summary.quota?.fillTimeMs != null) fills.push(r.summary.quota.fillTimeMs);
  }
  return fills;
}
