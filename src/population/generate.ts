import type { Scenario } from '../scenario/types.js';
import { arrivalClock } from '../scenario/arrival-clock.js';
import { thinnedArrivals } from './arrivals.js';
import { drawAttributes } from './attributes.js';
import { curveDistribution } from '../scenario/curve.js';
import { FakerPool, pickLocale } from './locales.js';
import { drawPersona, pickShare } from './persona.js';
import { deriveSeed, STREAM, uniformStream } from './stream.js';
import type { Candidate, GeneratedCandidate } from './types.js';

/**
 * The population of a scenario, streamed in arrival order.
 *
 *   scenario, seq ─► arrival clock (src/scenario/arrival-clock.ts) ─┐
 *   seed, seq ─► candidate seed ─► persona, country, locale, ───────┴─► Candidate
 *                                  Faker fields, attributes
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
export interface GenerateOptions {
  identity?: boolean;
}

export function generatePopulation(scenario: Scenario, seed: number): Generator<GeneratedCandidate>;
export function generatePopulation(scenario: Scenario, seed: number, opts: GenerateOptions): Generator<Candidate>;
export function generatePopulation(scenario: Scenario, seed: number, opts: GenerateOptions = {}): Generator<Candidate> {
  return generate(scenario, seed, opts);
}

function* generate(scenario: Scenario, seed: number, opts: GenerateOptions): Generator<Candidate> {
  const times =
    scenario.arrivals === 'poisson'
      ? thinnedArrivals(
          curveDistribution(scenario.curve, scenario.windowMs),
          scenario.population,
          uniformStream(deriveSeed(seed, STREAM.arrivals)),
        )
      : clockArrivals(scenario);
  const fakers = new FakerPool();
  const startsAtMs = Date.parse(scenario.startsAt);
  const submitsInterest = scenario.journey.steps.some((s) => s.op === 'submitInterest');
  const width = Math.max(6, String(Math.max(0, scenario.population - 1)).length);
  const lean = opts.identity === false && !submitsInterest && scenario.operator.length === 0;
  let seq = 0;
  for (const t of times) {
    const candidateSeed = deriveSeed(seed, STREAM.candidate, seq);
    const u = uniformStream(candidateSeed ^ STREAM.attributes);
    const persona = drawPersona(scenario.personas, u);
    const country = pickShare(scenario.countries, u()).code;
    const locale = pickLocale(country, u());
    const hasEmail = u() < scenario.profile.emailOnFile;
    const arrivalMs = Math.round((t - scenario.openingMs) * 1000) / 1000;
    const id = `c${String(seq).padStart(width, '0')}`;
    if (lean) {
      yield {
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
      seq++;
      continue;
    }
    const faker = fakers.get(locale, deriveSeed(candidateSeed, STREAM.faker));
    const sex = faker.person.sexType();
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName(sex);
    const email = hasEmail ? faker.internet.email({ firstName, lastName }).toLowerCase() : null;
    yield {
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
        profile: scenario.profile,
        startsAtMs,
        arrivalRealMs: startsAtMs + t * scenario.knobs.timeScale,
        submitsInterest,
      }),
    };
    seq++;
  }
}

/** The shared arrival clock's instants for candidates 1…N, in order. */
function* clockArrivals(scenario: Scenario): Generator<number> {
  const at = arrivalClock(scenario, scenario.population);
  for (let n = 1; n <= scenario.population; n++) yield at(n);
}
