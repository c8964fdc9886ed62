/**
 * One candidate at a time, against values worked out from the documented rules: the
 * attribute draws fed from a scripted list of uniforms (each expected value follows from
 * the weights in attributes.ts's comments), the Faker fields against a Faker built by
 * @faker-js/faker's own public API (its locale chain, a mulberry32 randomizer written out
 * here), the arrivals against the arrival clock and the thinning generator, and the
 * k6 bundle's locale subset against Faker's full data.
 *
 * A handful of candidates per test, so a mutation run (docs/testing.md) can afford to run
 * them for every mutant: the statistical tests beside this file (thousands of candidates)
 * check the same code's distributions.
 */
import { allLocales, Faker, type LocaleDefinition } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { type AttributeContext, drawAttributes } from '../../src/population/attributes.js';
import { candidateMaker, candidateSpec } from '../../src/population/candidate.js';
import { fakerSubset, localesOf } from '../../src/population/faker-subset.js';
import { generatePopulation } from '../../src/population/generate.js';
import { FULL_CHAINS, LOCALE_DATA } from '../../src/population/locale-data.js';
import { CHAIN_NAMES, chainsOf, FAKER_KEYS, FakerPool } from '../../src/population/locales.js';
import { thinnedArrivals } from '../../src/population/arrivals.js';
import { deriveSeed, STREAM, uniformStream } from '../../src/population/stream.js';
import { drawPersona, pickShare } from '../../src/population/persona.js';
import { pickLocale } from '../../src/population/locales.js';
import { arrivalClock } from '../../src/scenario/arrival-clock.js';
import { curveDistribution } from '../../src/scenario/curve.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';

/** A uniform stream that returns the given values in turn (and fails past them: no extra draw). */
function scripted(...values: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= values.length) throw new Error(`scripted: asked for draw ${i + 1} of ${values.length}`);
    return values[i++] as number;
  };
}

/** A Faker stand-in for drawAttributes: a fixed birth date and job title, and what it was asked. */
function fixedFaker(birth: string) {
  const asked: unknown[] = [];
  const faker = {
    date: {
      birthdate: (o: unknown) => {
        asked.push(o);
        return new Date(`${birth}T12:00:00Z`);
      },
    },
    person: { jobTitle: () => 'Weaver' },
  } as unknown as Faker;
  return { faker, asked };
}

const STARTS = Date.parse('2020-01-16T00:00:00Z');
const ctx = (over: Partial<AttributeContext> = {}): AttributeContext => ({
  profile: { emailOnFile: 1, presenceDate: '2019-06-16', presentInQuebec: 0.15, eoiFrom: '2019-01-01' },
  startsAtMs: STARTS,
  arrivalRealMs: STARTS + 90_000,
  submitsInterest: false,
  ...over,
});

describe('attributes from scripted draws', () => {
  it('draws in the documented order with the documented weights (France, present as a visitor, a job offer)', () => {
    const { faker, asked } = fixedFaker('1990-07-01');
    const a = drawAttributes(
      'FR',
      'fr',
      faker,
      scripted(
        0.1, // education: secondary below 0.1, so 0.1 is a diploma
        0.5, // experience: ⌊0.5·16⌋ = 8 years, under age − 20 = 9
        0.05, // French, native in France (0, .02, .08, .9): .05 − .02 = .03 < .08 → intermediate
        0.05, // English, common in France (.1, .25, .4, .25): none
        0.1, // present: 0.1 < 0.15
        0.95, // permit (.55, .35, .1): .95 − .55 − .35 = .05 < .1 → visitor
        0.2, // job offer, present: 0.2 < 0.25
        0.5, // submission day: ⌊0.5 · 380 days⌋ = 190 days after 2019-01-01
      ),
      ctx(),
    );
    expect(asked).toEqual([{ mode: 'age', min: 18, max: 50, refDate: STARTS }]);
    expect(a).toEqual({
      birthDate: '1990-07-01',
      age: 29,
      citizenship: 'FR',
      residence: 'CA',
      education: 'diploma',
      occupation: 'Weaver',
      experienceYears: 8,
      french: 'intermediate',
      english: 'none',
      presenceDate: '2019-06-16',
      presentInQuebec: true,
      permit: 'visitor',
      presentInQuebecWithPermit: false,
      jobOffer: true,
      eoiSubmittedAt: '2019-07-10T00:00:00.000Z',
      // age 16, diploma 6, experience min(8, 2·8) = 8, French 10, English 0, visitor 1, offer 10
      eoiScore: 51,
    });
  });

  it.each<[string, number, string]>([
    ['0.0999: secondary', 0.0999, 'secondary'],
    ['0.6999: bachelor', 0.6999, 'bachelor'],
    ['0.9: master', 0.9, 'master'],
    ['0.96: doctorate', 0.96, 'doctorate'],
    ['past the total: the last', 1.5, 'doctorate'],
  ])('education %s', (_n, u, want) => {
    const a = drawAttributes(
      'FR',
      'fr',
      fixedFaker('1990-07-01').faker,
      scripted(u, 0, 0.5, 0.5, 0.9, 0.9, 0.5),
      ctx(),
    );
    expect(a.education).toBe(want);
  });

  it('not present: no permit drawn, residence the citizenship, the job offer at 5 %; an expression of interest is the arrival', () => {
    const a = drawAttributes(
      'CA',
      'fr_CA',
      fixedFaker('1997-03-10').faker,
      scripted(
        0.5, // bachelor
        0.9, // ⌊14.4⌋ = 14 years, capped at age − 20 = 2
        0.001, // French native through the fr_CA locale: .001 < .02 → basic (Canada's French is only 'common')
        0.95, // English native in Canada: advanced
        0.15, // present: 0.15 < 0.15 is false
        0.0499, // job offer, not present: below 0.05
      ),
      ctx({ submitsInterest: true }),
    );
    expect(a).toMatchObject({
      age: 22,
      education: 'bachelor',
      experienceYears: 2,
      french: 'basic',
      english: 'advanced',
      residence: 'CA',
      citizenship: 'CA',
      presentInQuebec: false,
      permit: null,
      presentInQuebecWithPermit: false,
      jobOffer: true,
      eoiSubmittedAt: new Date(STARTS + 90_000).toISOString(),
      // 16 + 10 + 4 + 4 + 6 + 10
      eoiScore: 50,
    });
  });

  it('English-speaking Canada: French as Canada has it (common), English native; 0.05 is no job offer; no stay before eoiFrom', () => {
    const a = drawAttributes(
      'CA',
      'en_CA',
      fixedFaker('2001-01-16').faker,
      scripted(0.99, 0.9, 0.2, 0.01, 0.5, 0.05, 0.7),
      ctx({ startsAtMs: Date.parse('2018-12-01T00:00:00Z') }),
    );
    // Born 2001-01-16, on 2018-12-01: 17. French common (.1, .25, .4, .25): .2 − .1 = .1 < .25 → basic.
    // English native (0, .02, .08, .9): .01 < .02 → basic. The window ends before eoiFrom: the day is eoiFrom.
    expect(a).toMatchObject({
      age: 17,
      education: 'doctorate',
      experienceYears: 0,
      french: 'basic',
      english: 'basic',
      residence: 'CA',
      presentInQuebec: false,
      jobOffer: false,
      eoiSubmittedAt: '2019-01-01T00:00:00.000Z',
    });
  });

  it('a work or a study permit counts as present with a permit', () => {
    const draw = (u: number) =>
      drawAttributes('DE', 'de', fixedFaker('1990-07-01').faker, scripted(0.5, 0, 0.5, 0.5, 0, u, 0.9, 0), ctx());
    expect([draw(0.5).permit, draw(0.5).presentInQuebecWithPermit]).toEqual(['work', true]);
    expect([draw(0.6).permit, draw(0.6).presentInQuebecWithPermit]).toEqual(['study', true]);
    // The present: a job offer at 25 %, 0.9 is none.
    expect(draw(0.6).jobOffer).toBe(false);
  });
});

/** mulberry32 (Tommy Ettinger's reference C, as in test/journey/rng.test.ts), for a Faker built here. */
function mulberry32(state: number) {
  let s = state >>> 0;
  return {
    next: () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = Math.imul(s ^ (s >>> 15), s | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    seed: () => undefined,
  };
}

/** Faker's own locale chain for `locale` (its fallbacks, as its docs build them) drawing from mulberry32(seed). */
function oracleFaker(locale: string, seed: number): Faker {
  const names = CHAIN_NAMES[locale] ?? CHAIN_NAMES.en!;
  const chain = names.map((n) => (allLocales as Record<string, LocaleDefinition>)[n]!);
  return new Faker({ locale: chain, randomizer: mulberry32(seed) });
}

/** A scenario of `n` candidates cut from a built-in one (every other field as loaded). */
async function small(name: string, n: number, over: Partial<Scenario> = {}): Promise<Scenario> {
  const s = await loadScenario(name);
  return { ...s, population: n, ...over };
}

describe('one candidate', () => {
  it("draws persona, country, locale and e-mail from its own stream, Faker fields from Faker's own API, attributes after", async () => {
    const s = await small('eoi-draw', 3);
    const seed = 77;
    const make = candidateMaker(candidateSpec(s), seed, new FakerPool(FULL_CHAINS));
    for (const seq of [0, 2]) {
      const t = 1234.56789 + seq;
      const c = make(seq, t);
      // The documented order: the candidate's seed, its stream, the persona's two draws, then
      // country, locale, e-mail on file.
      const candidateSeed = deriveSeed(seed, STREAM.candidate, seq);
      const u = uniformStream(candidateSeed ^ STREAM.attributes);
      const persona = drawPersona(s.personas, u);
      const country = pickShare(s.countries, u()).code;
      const locale = pickLocale(country, u());
      expect(u() < s.profile.emailOnFile).toBe(true);
      const f = oracleFaker(locale, deriveSeed(candidateSeed, STREAM.faker));
      const sex = f.person.sexType();
      const firstName = f.person.firstName(sex);
      const lastName = f.person.lastName(sex);
      expect(c).toMatchObject({
        id: `c00000${seq}`,
        seq,
        seed: candidateSeed,
        arrivalMs: Math.round((t - s.openingMs) * 1000) / 1000,
        firstName,
        lastName,
        email: f.internet.email({ firstName, lastName }).toLowerCase(),
        country,
        locale,
        persona,
      });
      expect(c.email).toBe(c.email?.toLowerCase());
      // eoi-draw submits an expression of interest: its instant is the arrival in real time.
      expect(c.attributes?.eoiSubmittedAt).toBe(new Date(Date.parse(s.startsAt) + t * s.knobs.timeScale).toISOString());
      expect(c.attributes?.citizenship).toBe(country);
    }
  });

  it('rounds the arrival to the microsecond after the opening, ids at least 6 digits, wider past a million', async () => {
    const s = await small('launch-day', 5, { openingMs: 1000 });
    const make = candidateMaker(candidateSpec(s), 1, new FakerPool(FULL_CHAINS), { identity: false });
    expect(make(3, 1234.5678).arrivalMs).toBe(234.568);
    expect(make(3, 999.99949).arrivalMs).toBe(-0.001);
    expect(make(3, 0).id).toBe('c000003');
    const million = { ...s, population: 1_000_000 };
    expect(candidateMaker(candidateSpec(million), 1, new FakerPool(FULL_CHAINS))(3, 0).id).toBe('c000003');
    const more = { ...s, population: 1_000_001 };
    expect(candidateMaker(candidateSpec(more), 1, new FakerPool(FULL_CHAINS))(3, 0).id).toBe('c0000003');
  });

  it('identity: false leaves out Faker and the attributes, unless the journey submits interest or a round invites', async () => {
    const launch = await small('launch-day', 4);
    const full = candidateMaker(candidateSpec(launch), 9, new FakerPool(FULL_CHAINS));
    const lean = candidateMaker(candidateSpec(launch), 9, new FakerPool(FULL_CHAINS), { identity: false });
    for (const seq of [0, 1, 2, 3]) {
      const a = full(seq, 10);
      const b = lean(seq, 10);
      expect(b).toEqual({
        ...a,
        firstName: '',
        lastName: '',
        email: a.email === null ? null : `${a.id}@example.invalid`,
        attributes: undefined,
      });
      expect('attributes' in b).toBe(false);
      expect(a.firstName).not.toBe('');
    }
    // status-tracker leaves 15 % without e-mail: the lean one has none either.
    const tracker = await small('status-tracker', 40);
    const trackerFull = candidateMaker(candidateSpec(tracker), 3, new FakerPool(FULL_CHAINS));
    const trackerLean = candidateMaker(candidateSpec(tracker), 3, new FakerPool(FULL_CHAINS), { identity: false });
    const noEmail = [...Array(40).keys()].filter((i) => trackerFull(i, 0).email === null);
    expect(noEmail.length).toBeGreaterThan(0);
    for (const i of noEmail) expect(trackerLean(i, 0).email).toBeNull();
    // eoi-draw submits interest and has an invitation round: attributes either way.
    const eoi = await small('eoi-draw', 2);
    expect(
      candidateMaker(candidateSpec(eoi), 9, new FakerPool(FULL_CHAINS), { identity: false })(0, 0).attributes,
    ).toBeDefined();
    // An invitation round alone (no submitInterest step) needs them too.
    const round = { ...launch, operator: eoi.operator };
    expect(
      candidateMaker(candidateSpec(round), 9, new FakerPool(FULL_CHAINS), { identity: false })(0, 0).attributes,
    ).toBeDefined();
    const interest = { ...eoi, operator: [] };
    expect(
      candidateMaker(candidateSpec(interest), 9, new FakerPool(FULL_CHAINS), { identity: false })(0, 0).attributes,
    ).toBeDefined();
  });

  it('candidateSpec keeps exactly the fields a candidate depends on, as the scenario has them', async () => {
    const s = await loadScenario('eoi-draw');
    const spec = candidateSpec(s) as unknown as Record<string, unknown>;
    const kept = ['countries', 'journey', 'openingMs', 'operator', 'personas', 'population', 'profile', 'startsAt'];
    expect(Object.keys(spec).sort()).toEqual([...kept, 'knobs'].sort());
    for (const k of kept) expect(spec[k]).toBe((s as unknown as Record<string, unknown>)[k]);
    expect(spec.knobs).toEqual({ timeScale: s.knobs.timeScale });
  });
});

describe('a small population', () => {
  it("arrives at the arrival clock's instants for candidates 1…N, numbered from 0", async () => {
    const s = await small('launch-day', 5);
    const at = arrivalClock(s, 5);
    const pop = [...generatePopulation(s, 4, { identity: false })];
    expect(pop.map((c) => c.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(pop.map((c) => c.arrivalMs)).toEqual(
      [1, 2, 3, 4, 5].map((n) => Math.round((at(n) - s.openingMs) * 1000) / 1000),
    );
    const make = candidateMaker(candidateSpec(s), 4, new FakerPool(FULL_CHAINS));
    expect([...generatePopulation(s, 4)]).toEqual(pop.map((_c, i) => make(i, at(i + 1))));
  });

  it('by thinning when the scenario asks for Poisson arrivals, from the seed’s arrivals stream', async () => {
    const s = await small('launch-day', 6, { arrivals: 'poisson' });
    const times = [
      ...thinnedArrivals(curveDistribution(s.curve, s.windowMs), 6, uniformStream(deriveSeed(11, STREAM.arrivals))),
    ];
    const pop = [...generatePopulation(s, 11, { identity: false })];
    expect(times.length).toBeGreaterThan(0);
    expect(pop.map((c) => c.arrivalMs)).toEqual(times.map((t) => Math.round((t - s.openingMs) * 1000) / 1000));
    expect(pop.map((c) => c.seq)).toEqual(times.map((_t, i) => i));
  });
});

describe('the k6 bundle’s locale subset', () => {
  it('names every locale the countries may use, sorted, English for an unknown country', () => {
    expect(localesOf(['MA', 'CA', 'ZZ', 'DZ'])).toEqual(['ar', 'en', 'en_CA', 'fr_CA']);
    expect(localesOf([])).toEqual([]);
  });

  it("keeps FAKER_KEYS of every locale of their chains, with Faker's values, and nothing else", () => {
    const sub = fakerSubset(['SN', 'MX']);
    // fr_SN → fr, en, base; es_MX → es, en, base.
    expect(Object.keys(sub)).toEqual(['base', 'en', 'es', 'es_MX', 'fr', 'fr_SN']);
    const all = allLocales as Record<string, LocaleDefinition>;
    for (const [name, def] of Object.entries(sub)) {
      const full = all[name] as Record<string, Record<string, unknown> | undefined>;
      const want: Record<string, Record<string, unknown>> = {};
      if (full.metadata) want.metadata = { ...full.metadata };
      for (const [category, keys] of Object.entries(FAKER_KEYS)) {
        const kept = Object.fromEntries(
          keys.filter((k) => full[category]?.[k] !== undefined).map((k) => [k, full[category]![k]]),
        );
        if (Object.keys(kept).length > 0) want[category] = kept;
      }
      expect(def).toStrictEqual(want);
    }
    // fr has person names and free e-mail domains; base has neither category's keys.
    expect(Object.keys(sub.fr?.person ?? {})).toContain('first_name');
    expect(sub.fr?.internet).toHaveProperty('free_email');
    expect(sub.base?.person).toBeUndefined();
    expect(sub.fr?.metadata).toEqual(all.fr?.metadata);
  });

  it('gives the same candidates as the full data, in every locale of the chains', () => {
    const locales = Object.keys(CHAIN_NAMES);
    const codes = [
      'CA',
      'US',
      'MX',
      'FR',
      'BE',
      'CH',
      'SN',
      'DZ',
      'AU',
      'GB',
      'IN',
      'NG',
      'CN',
      'BR',
      'VN',
      'DE',
      'ES',
      'ZZ',
    ];
    const full = new FakerPool(FULL_CHAINS);
    const sub = new FakerPool(chainsOf(fakerSubset(codes)));
    expect(localesOf(codes).sort()).toEqual(
      locales
        .filter((l) => l !== 'en')
        .concat('en')
        .sort(),
    );
    for (const locale of locales)
      for (const seed of [1, 2]) {
        const a = full.get(locale, seed);
        const fa = [a.person.firstName(), a.person.lastName(), a.person.jobTitle(), a.internet.email()];
        const b = sub.get(locale, seed);
        expect([b.person.firstName(), b.person.lastName(), b.person.jobTitle(), b.internet.email()]).toEqual(fa);
      }
  });

  it("the full data is Faker's own, for every locale named in a chain", () => {
    const names = [...new Set(Object.values(CHAIN_NAMES).flat())].sort();
    expect(Object.keys(LOCALE_DATA).sort()).toEqual(names);
    for (const n of names) expect(LOCALE_DATA[n]).toBe((allLocales as Record<string, LocaleDefinition>)[n]);
    expect(Object.keys(FULL_CHAINS).sort()).toEqual(Object.keys(CHAIN_NAMES).sort());
  });
});
