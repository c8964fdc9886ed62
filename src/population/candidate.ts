import type { Persona } from '../journey/types.js';
import type { Scenario } from '../scenario/types.js';
import { drawAttributes } from './attributes.js';
import { type FakerPool, pickLocale } from './locales.js';
import { drawPersona, patienceOf, personaIndex, personaOf, shareIndex } from './persona.js';
import { deriveSeed, STREAM, type Uniform, uniformStream } from './stream.js';
import type { Candidate } from './types.js';

/**
 * Candidate n as a pure function of (scenario, seed, n) and its arrival time: the one
 * implementation the Node generator (generate.ts) and the k6 bundle (which derives
 * candidate n for iteration n instead of reading a population file) both run.
 *
 *   seed, n ─► candidate seed ─► persona, country, locale, e-mail on file,
 *                                Faker fields, attributes
 *
 * `t` is the arrival in run-time ms from the start of the arrival window; only the
 * candidate's `arrivalMs` and, when the journey submits an expression of interest,
 * its submission instant depend on it.
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

/** The candidate's seed, its own uniform stream and its persona: the first draws of candidate n. */
export function candidateDraws(
  spec: Pick<CandidateSpec, 'personas'>,
  seed: number,
  seq: number,
): { candidateSeed: number; u: Uniform; persona: Persona } {
  const candidateSeed = deriveSeed(seed, STREAM.candidate, seq);
  const u = uniformStream(candidateSeed ^ STREAM.attributes);
  return { candidateSeed, u, persona: drawPersona(spec.personas, u) };
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

export function candidateMaker(
  spec: CandidateSpec,
  seed: number,
  fakers: FakerPool,
  opts: CandidateOptions = {},
): (seq: number, t: number) => Candidate {
  const startsAtMs = Date.parse(spec.startsAt);
  const submitsInterest = spec.journey.steps.some((s) => s.op === 'submitInterest');
  const lean = isLean(spec, opts);
  return (seq, t) => {
    const d = candidateCore(spec, seed, seq);
    const candidateSeed = d.candidateSeed;
    const u = d.u;
    const persona = personaOf(spec.personas[d.persona]!, d.patienceMs);
    const country = spec.countries[d.country]!.code;
    const locale = pickLocale(country, d.localeU);
    const hasEmail = d.hasEmail;
    const arrivalMs = arrivalOf(spec, t);
    const id = candidateId(seq, spec.population);
    if (lean) {
      return {
        id,
        seq,
        seed: candidateSeed,
        arrivalMs,
        firstName: '',
        lastName: '',
        email: hasEmail ? `${id}@example.invalid` : null,
        country,
        locale,
        persona,
      };
    }
    const faker = fakers.get(locale, deriveSeed(candidateSeed, STREAM.faker));
    const sex = faker.person.sexType();
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName(sex);
    const email = hasEmail ? faker.internet.email({ firstName, lastName }).toLowerCase() : null;
    return {
      id,
      seq,
      seed: candidateSeed,
      arrivalMs,
      firstName,
      lastName,
      email,
      country,
      locale,
      persona,
      attributes: drawAttributes(country, locale, faker, u, {
        profile: spec.profile,
        startsAtMs,
        arrivalRealMs: startsAtMs + t * spec.knobs.timeScale,
        submitsInterest,
      }),
    };
  };
}
