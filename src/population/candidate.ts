import type { Persona } from '../journey/types.js';
import type { Scenario } from '../scenario/types.js';
import { drawAttributes } from './attributes.js';
import { type FakerPool, pickLocale } from './locales.js';
import { drawPersona, pickShare } from './persona.js';
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

export interface CandidateOptions {
  /** false: no Faker fields or attributes unless the journey or an invitation round needs them (generate.ts). */
  identity?: boolean;
}

export function candidateMaker(
  spec: CandidateSpec,
  seed: number,
  fakers: FakerPool,
  opts: CandidateOptions = {},
): (seq: number, t: number) => Candidate {
  const startsAtMs = Date.parse(spec.startsAt);
  const submitsInterest = spec.journey.steps.some((s) => s.op === 'submitInterest');
  const width = Math.max(6, String(Math.max(0, spec.population - 1)).length);
  const lean = opts.identity === false && !submitsInterest && spec.operator.length === 0;
  return (seq, t) => {
    const { candidateSeed, u, persona } = candidateDraws(spec, seed, seq);
    const country = pickShare(spec.countries, u()).code;
    const locale = pickLocale(country, u());
    const hasEmail = u() < spec.profile.emailOnFile;
    const arrivalMs = Math.round((t - spec.openingMs) * 1000) / 1000;
    const id = `c${String(seq).padStart(width, '0')}`;
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
