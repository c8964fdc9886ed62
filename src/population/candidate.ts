import { drawAttributes } from './attributes.js';
import {
  arrivalOf,
  type CandidateOptions,
  type CandidateSpec,
  candidateCore,
  candidateId,
  isLean,
} from './candidate-core.js';
import { type FakerPool, pickLocale } from './locales.js';
import { personaOf } from './persona.js';
import { deriveSeed, STREAM } from './stream.js';
import type { Candidate } from './types.js';

export {
  arrivalOf,
  type CandidateCore,
  type CandidateOptions,
  type CandidateSpec,
  candidateCore,
  candidateId,
  candidateSpec,
  isLean,
} from './candidate-core.js';

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
