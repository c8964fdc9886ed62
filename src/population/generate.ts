import type { Scenario } from '../scenario/types.js';
import { arrivalInstants } from './arrivals.js';
import { type CandidateOptions, candidateMaker, candidateSpec } from './candidate.js';
import { FULL_CHAINS } from './locale-data.js';
import { FakerPool } from './locales.js';
import type { Candidate, GeneratedCandidate } from './types.js';

/**
 * The population of a scenario, streamed in arrival order.
 *
 *   scenario, seq ─► arrival clock (src/scenario/arrival-clock.ts) ─┐
 *   seed, seq ─► candidate.ts (persona, country, locale, ───────────┴─► Candidate
 *                Faker fields, attributes; also run inside the k6 bundle)
 *
 * Deterministic and pure in the candidate's number: candidate seq depends only on
 * (scenario, seed, seq). Its arrival is the instant k6 starts iteration seq + 1, the
 * one clock every engine shares (no random draw, so no stream to run through); the
 * rest comes from seeds derived per stream (stream.ts), so the same seed gives the same
 * bytes and a change to one field's draws never moves anyone's arrival. With
 * `arrivals: 'poisson'` the times come by thinning instead, a sequential stream.
 * Memory is O(1) in the population size: nothing is collected, sorted or buffered.
 *
 * Arrival times are in RUN-time ms relative to the opening (`scenario.curve` and
 * `windowMs` are already time-scaled); persona durations are in REAL ms (the
 * journey divides them by the time scale).
 *
 * `identity: false` (the simulator, which sends no HTTP) skips the Faker fields —
 * names, a placeholder e-mail for those who have one — and the attributes, unless the
 * journey submits an expression of interest or the scenario has an invitation round
 * (their score and eligibility matter). Every other field is drawn from the same
 * streams in the same order, so id, seed, arrival, persona and country are the same
 * bytes as the full population's; Faker is three quarters of the cost per candidate.
 */
export type GenerateOptions = CandidateOptions;

export function generatePopulation(scenario: Scenario, seed: number): Generator<GeneratedCandidate>;
export function generatePopulation(scenario: Scenario, seed: number, opts: GenerateOptions): Generator<Candidate>;
export function generatePopulation(scenario: Scenario, seed: number, opts: GenerateOptions = {}): Generator<Candidate> {
  return generate(scenario, seed, opts);
}

/**
 * The simulator's population: the lean candidates, and how they were made, so that the
 * simulator may draw the same candidates on a thread of its own (RunOptions.populationSpec,
 * src/engine/sim/population-feed.ts) instead of reading them. One place says both, so they
 * cannot disagree.
 */
export function simPopulation(
  scenario: Scenario,
  seed: number,
): { population: Generator<Candidate>; populationSpec: { seed: number; identity: false } } {
  return {
    population: generatePopulation(scenario, seed, { identity: false }),
    populationSpec: { seed, identity: false },
  };
}

function* generate(scenario: Scenario, seed: number, opts: GenerateOptions): Generator<Candidate> {
  const make = candidateMaker(candidateSpec(scenario), seed, new FakerPool(FULL_CHAINS), opts);
  const next = arrivalInstants(scenario, seed);
  for (let seq = 0; ; seq++) {
    const t = next();
    if (t === undefined) return;
    yield make(seq, t);
  }
}
