import type { Scenario } from '../scenario/types.js';
import { patienceOf, personaIndex, shareIndex } from './persona.js';
import { deriveSeed, STREAM, type Uniform, uniformStream } from './stream.js';

/**
 * What candidate n is made of before any Faker field: the fields of a scenario it depends
 * on, its first draws as numbers, its id and its arrival. candidate.ts builds whole
 * candidates from these; the simulator's population thread (src/engine/sim/population-thread.ts)
 * sends the numbers as they are. Kept apart from candidate.ts so that a thread which
 * needs only the numbers does not load Faker (about 40 MB and half a second).
 */
export type CandidateSpec = Pick<
  Scenario,
  'population' | 'openingMs' | 'countries' | 'personas' | 'profile' | 'startsAt' | 'journey' | 'operator'
> & { knobs: Pick<Scenario['knobs'], 'timeScale'> };

/** The fields of a scenario a candidate depends on (plain data: it is embedded in the k6 bundle). */
export function candidateSpec(s: Scenario): CandidateSpec {
  return {
    population: s.population,
    openingMs: s.openingMs,
    countries: s.countries,
    personas: s.personas,
    profile: s.profile,
    startsAt: s.startsAt,
    journey: s.journey,
    operator: s.operator,
    knobs: { timeScale: s.knobs.timeScale },
  };
}

/**
 * The draws of candidate n that decide its journey, as numbers: its seed, persona
 * (an index into the spec's personas) and patience, country (an index into the spec's
 * countries), the uniform its locale is picked with, and whether it has an e-mail on
 * file; `u` goes on with the Faker seed's and the attributes' draws. `candidateMaker`
 * builds every candidate from these, and the simulator's population thread
 * (src/engine/sim/population-thread.ts) sends them as they are: one implementation.
 */
export interface CandidateCore {
  candidateSeed: number;
  u: Uniform;
  persona: number;
  patienceMs: number;
  country: number;
  localeU: number;
  hasEmail: boolean;
}

export function candidateCore(
  spec: Pick<CandidateSpec, 'personas' | 'countries' | 'profile'>,
  seed: number,
  seq: number,
): CandidateCore {
  const candidateSeed = deriveSeed(seed, STREAM.candidate, seq);
  const u = uniformStream(candidateSeed ^ STREAM.attributes);
  const persona = personaIndex(spec.personas, u());
  const patienceMs = patienceOf(spec.personas[persona]!, u());
  const country = shareIndex(spec.countries, u());
  const localeU = u();
  const hasEmail = u() < spec.profile.emailOnFile;
  return { candidateSeed, u, persona, patienceMs, country, localeU, hasEmail };
}

/** Candidate `seq`'s id in a population of `population` (`c000123`: at least six digits, as many as the largest needs). */
export function candidateId(seq: number, population: number): string {
  const width = Math.max(6, String(Math.max(0, population - 1)).length);
  return `c${String(seq).padStart(width, '0')}`;
}

/** A candidate's arrival, run-time ms after the opening (rounded to the µs), for its instant `t` from the window's start. */
export function arrivalOf(spec: Pick<CandidateSpec, 'openingMs'>, t: number): number {
  return Math.round((t - spec.openingMs) * 1000) / 1000;
}

export interface CandidateOptions {
  /** false: no Faker fields or attributes unless the journey or an invitation round needs them (generate.ts). */
  identity?: boolean;
}

/** Whether candidates made with `opts` carry no Faker fields nor attributes (the journey and the operator need none). */
export function isLean(spec: Pick<CandidateSpec, 'journey' | 'operator'>, opts: CandidateOptions = {}): boolean {
  const submitsInterest = spec.journey.steps.some((s) => s.op === 'submitInterest');
  return opts.identity === false && !submitsInterest && spec.operator.length === 0;
}
