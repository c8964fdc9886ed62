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
 * The round trip the node engine pays on this machine, measured in the node run: the
 * median duration of the requests the portal answers at once, without a worker (the
 * cap's 503s; the waiting room's polls when no 503 was sent). That is loopback, the
 * HTTP client and server, and the event loops' delays under load: a millisecond on an
 * idle machine, tens on a loaded one. The model is given it as its round trip
 * (`--rtt-ms`), as one would give it a real network's. (Earlier this was the median of
 * all account creations less their service time: most of them are 503s that take
 * no service, so it read 0 whatever the machine.)
 */
export function roundTripMs(byStatus: Summary['by']): number {
  const rows = byStatus?.rows ?? [];
  const immediate = rows.find((r) => r.value === '503') ?? rows.find((r) => r.value === '202');
  return immediate ? Math.round(immediate.latency.p50 * 10) / 10 : 0;
}

/** One node run of a population against the real reference portal on loopback. */
export interface NodeRun {
  seed: number;
  figures: Figures;
  summary: Summary;
  /** The machine's round trip in this run (roundTripMs). */
  rttMs: number;
  /** p99 of how late journeys started, ms: the generator's own health under the machine's load. */
  latenessP99Ms: number;
}

/**
 * The node engine's rehearsal of `scenario` for the population of `seed`: the real
 * reference portal on loopback, started with the scenario's settings as `rehearse run`
 * starts it, its opening fixed before it starts.
 */
export async function nodeRun(scenario: Scenario, seed: number, dir: string): Promise<NodeRun> {
  const target = await loadTarget(REFERENCE);
  const startAt = Date.now() + 1000 + scenario.openingMs;
  const portal = await startPortal({ ...scenario.portal, opensAtEpochMs: startAt, host: '127.0.0.1', port: 0 });
  const outDir = join(dir, `node-${seed}`);
  try {
    await nodeEngine.run({
      scenario,
      population: generatePopulation(scenario, seed),
      populationSize: scenario.population,
      target,
      baseUrl: portal.url,
      outDir,
      seed,
      startAt,
      portalStats: () => portal.stats() as unknown as Promise<Record<string, unknown>>,
    });
  } finally {
    await portal.close();
  }
  const summary = await analyzeRun([outDir], { threads: 1, by: 'status' });
  return {
    seed,
    figures: figures(summary),
    summary,
    rttMs: roundTripMs(summary.by),
    latenessP99Ms: summary.generator.lateness?.p99 ?? 0,
  };
}

/**
 * The sim engine's run of the same population against the model of the same settings;
 * `portalSeed` draws another sequence of service times (the portal's `--seed`), which
 * is the model's counterpart of a second node run of the same population: with one
 * slot behind a cap, which retry wins it turns on the exact times, so single runs of one
 * population differ by ±10 %.
 */
export async function simRun(
  scenario: Scenario,
  seed: number,
  dir: string,
  opts: { rttMs?: number; portalSeed?: number } = {},
): Promise<{ figures: Figures; summary: Summary }> {
  const target = await loadTarget(REFERENCE);
  const r = await runSim({
    scenario,
    population: generatePopulation(scenario, seed, { identity: false }),
    populationSize: scenario.population,
    target,
    baseUrl: '',
    outDir: join(dir, `sim-${seed}-${opts.portalSeed ?? 'default'}`),
    seed,
    ...(opts.rttMs ? { rttMs: opts.rttMs } : {}),
    ...(opts.portalSeed !== undefined ? { portalModel: { ...scenario.portal, seed: opts.portalSeed } } : {}),
  });
  return { figures: figures(r.summary), summary: r.summary };
}

/** Both sides of the validation: node runs and, for each of their populations, sim runs over several portal seeds. */
export interface Validation {
  node: NodeRun[];
  /** Every sim run (populations × portal seeds). */
  sim: Figures[];
  /** The round trip given to the model: the mean of the node runs'. */
  rttMs: number;
}

/**
 * The populations of `seeds` rehearsed by the node engine, all at once (each against
 * its own portal: about 15 requests/s each, light next to the machine's capacity, so
 * that a validation over several runs takes the wall time of one), then simulated
 * `portalSeeds` times each with the round trip the node runs measured.
 */
export async function nodeVsSim(
  scenario: Scenario,
  seeds: readonly number[],
  dir: string,
  opts: { portalSeeds?: number } = {},
): Promise<Validation> {
  const node = await Promise.all(seeds.map((seed) => nodeRun(scenario, seed, dir)));
  const rttMs = Math.round((node.reduce((a, r) => a + r.rttMs, 0) / node.length) * 10) / 10;
  const sim: Figures[] = [];
  for (const seed of seeds)
    for (let p = 1; p <= (opts.portalSeeds ?? 8); p++)
      sim.push((await simRun(scenario, seed, dir, { rttMs, portalSeed: p })).figures);
  return { node, sim, rttMs };
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
