/**
 * The population's pure parts against values worked out by hand (or, for the seed
 * derivation, by a Python transcription of mulberry32 and the splitmix32 finalizer, as
 * in test/journey/rng.test.ts), one row per rule, edges on both sides. Draws are fed
 * from a scripted list of uniforms, so each expected value follows from the documented
 * formula alone. These rows exist because a mutation run (docs/testing.md) found the
 * statistical tests blind to off-by-one and boundary bugs here.
 */
import { Writable } from 'node:stream';
import type { LocaleDefinition } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { curveDistribution } from '../../src/scenario/curve.js';
import { thinnedArrivals } from '../../src/population/arrivals.js';
import { arrivalClock } from '../../src/scenario/arrival-clock.js';
import { ageOn } from '../../src/population/attributes.js';
import { eoiScore, type ScoreFactors } from '../../src/population/eoi-score.js';
import { FULL_CHAINS } from '../../src/population/locale-data.js';
import { chainsOf, countryInfo, FakerPool, pickLocale } from '../../src/population/locales.js';
import { DEFAULT_RETRY_CAP_SEC, drawPersona, pickShare } from '../../src/population/persona.js';
import { deriveSeed, STREAM, uniformStream } from '../../src/population/stream.js';
import type { Candidate } from '../../src/population/types.js';
import { csvField, flatten, writePopulation } from '../../src/population/write.js';
import type { PersonaSpec } from '../../src/scenario/types.js';

/** mulberry32 from state 0: the first two draws (Python transcription, test/journey/rng.test.ts). */
const mulberryFromZero = [0.26642920868471265, 0.0003297457005828619];

/** A uniform stream that returns the given values in turn (and fails past them). */
function scripted(...values: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= values.length) throw new Error(`scripted: asked for draw ${i + 1} of ${values.length}`);
    return values[i++] as number;
  };
}

describe('EOI score: each factor of the documented grid at its edges', () => {
  const base: ScoreFactors = {
    age: 30,
    education: 'secondary',
    experienceYears: 0,
    french: 'none',
    english: 'none',
    permit: null,
    jobOffer: false,
  };
  // base: age 16 + secondary 2 = 18.
  it.each<[string, Partial<ScoreFactors>, number]>([
    ['17 years: no age points', { age: 17 }, 2],
    ['18 years: full 16', { age: 18 }, 18],
    ['35 years: still 16', { age: 35 }, 18],
    ['36 years: 16 − 2', { age: 36 }, 16],
    ['42 years: 16 − 14', { age: 42 }, 4],
    ['43 years: 0', { age: 43 }, 2],
    ['50 years: 0, not negative', { age: 50 }, 2],
    ['diploma 6', { education: 'diploma' }, 22],
    ['bachelor 10', { education: 'bachelor' }, 26],
    ['master 12', { education: 'master' }, 28],
    ['doctorate 14', { education: 'doctorate' }, 30],
    ['1 year: 2', { experienceYears: 1 }, 20],
    ['3.9 years count as 3: 6', { experienceYears: 3.9 }, 24],
    ['4 years: the cap of 8', { experienceYears: 4 }, 26],
    ['10 years: still 8', { experienceYears: 10 }, 26],
    ['negative years: 0', { experienceYears: -2 }, 18],
    ['French basic 4', { french: 'basic' }, 22],
    ['French intermediate 10', { french: 'intermediate' }, 28],
    ['French advanced 16', { french: 'advanced' }, 34],
    ['English basic 2', { english: 'basic' }, 20],
    ['English intermediate 4', { english: 'intermediate' }, 22],
    ['English advanced 6', { english: 'advanced' }, 24],
    ['work permit 5', { permit: 'work' }, 23],
    ['study permit 5', { permit: 'study' }, 23],
    ['visitor 1', { permit: 'visitor' }, 19],
    ['job offer 10', { jobOffer: true }, 28],
  ])('%s', (_name, change, want) => {
    expect(eoiScore({ ...base, ...change })).toBe(want);
  });
});

describe('age on a date', () => {
  it.each([
    ['the day before the 20th birthday', '2000-03-15', '2020-03-14T23:59:59Z', 19],
    ['on the 20th birthday', '2000-03-15', '2020-03-15T00:00:00Z', 20],
    ['a month before, later day', '2000-03-15', '2020-02-20T00:00:00Z', 19],
    ['a month after, earlier day', '2000-03-15', '2020-04-01T00:00:00Z', 20],
    ['same month, later day', '2000-03-15', '2020-03-31T00:00:00Z', 20],
  ])('%s', (_name, birth, at, want) => {
    expect(ageOn(birth, Date.parse(at))).toBe(want);
  });
});

describe('persona draw', () => {
  const specs: PersonaSpec[] = [
    { name: 'a', share: 1, patienceMin: [2, 4], retry: 'fixed', retryBaseSec: 3, thinkSec: 0.5 },
    { name: 'b', share: 3, patienceMin: [10, 10], retry: 'backoff', retryBaseSec: 400, thinkSec: 0 },
    { name: 'c', share: 0, patienceMin: [1, 1], retry: 'hammer', retryBaseSec: 1, retryCapSec: 50, thinkSec: 1 },
  ];

  it('picks by normalized share (0.2 of 4 → a, exactly 1 of 4 → b) and draws patience uniformly, in real ms', () => {
    expect(drawPersona(specs, scripted(0.2, 0.5))).toEqual({
      name: 'a',
      patienceMs: 180_000,
      retry: 'fixed',
      retryBaseMs: 3000,
      retryCapMs: DEFAULT_RETRY_CAP_SEC * 1000,
      thinkMs: 500,
    });
    // 0.25 · 4 = 1 is not below a's share of 1: the boundary belongs to b.
    expect(drawPersona(specs, scripted(0.25, 0))).toEqual({
      name: 'b',
      patienceMs: 600_000,
      retry: 'backoff',
      retryBaseMs: 400_000,
      retryCapMs: 400_000,
      thinkMs: 0,
    });
    // patience 2 + 2·0.75 = 3.5 min.
    expect(drawPersona(specs, scripted(0, 0.75)).patienceMs).toBe(210_000);
  });

  it('falls back to the last persona past the total, and keeps an explicit cap', () => {
    expect(drawPersona(specs, scripted(0.999999, 0)).name).toBe('b');
    expect(drawPersona([specs[2]!], scripted(0.5, 0)).retryCapMs).toBe(50_000);
    expect(DEFAULT_RETRY_CAP_SEC).toBe(300);
  });

  it('pickShare: cumulative shares, the boundary to the next item, the last past the end', () => {
    const items = [
      { id: 'x', share: 0.25 },
      { id: 'y', share: 0.75 },
    ];
    expect(pickShare(items, 0).id).toBe('x');
    expect(pickShare(items, 0.2499).id).toBe('x');
    expect(pickShare(items, 0.25).id).toBe('y');
    expect(pickShare(items, 0.9999).id).toBe('y');
    expect(pickShare(items, 1.5).id).toBe('y');
    // Three items: x below 0.25, y from 0.25 to 0.5, z from 0.5.
    const three = [
      { id: 'x', share: 0.25 },
      { id: 'y', share: 0.25 },
      { id: 'z', share: 0.5 },
    ];
    expect(pickShare(three, 0.3).id).toBe('y');
    expect(pickShare(three, 0.5).id).toBe('z');
    expect(pickShare(three, 0.74).id).toBe('z');
  });
});

describe('locales', () => {
  it('Canada: fr_CA below 0.2, en_CA from 0.2; one-locale countries; the English fallback', () => {
    expect(pickLocale('CA', 0.1999)).toBe('fr_CA');
    expect(pickLocale('CA', 0.2)).toBe('en_CA');
    expect(pickLocale('CA', 0.99)).toBe('en_CA');
    expect(pickLocale('MA', 0.5)).toBe('ar');
    expect(pickLocale('ZZ', 0.5)).toBe('en');
    expect(pickLocale('CA', 1)).toBe('en_CA');
    expect(countryInfo('ZZ')).toEqual({ locales: [{ locale: 'en', upTo: 1 }], french: 'rare', english: 'common' });
    expect(countryInfo('SN')).toMatchObject({ french: 'native', english: 'rare' });
  });

  it('the Faker pool draws mulberry32 from the seed it is given (state 0 starts 0.26642920868471265) and speaks the locale', () => {
    const pool = new FakerPool(FULL_CHAINS);
    pool.get('fr', 0);
    expect([pool.randomizer.next(), pool.randomizer.next()]).toEqual([0.26642920868471265, mulberryFromZero[1]]);
    // The Arabic locale gives names in Arabic script; an unknown locale falls back to English (Latin).
    expect(pool.get('ar', 12345).person.lastName()).toMatch(/\p{Script=Arabic}/u);
    expect(pool.get('zh_CN', 12345).person.lastName()).toMatch(/\p{Script=Han}/u);
    expect(pool.get('xx', 12345).person.lastName()).toMatch(/^[A-Za-z' -]+$/);
  });

  it("the pool's randomizer reseeds as Faker asks (a number, or an array's first), and a pool without English refuses an unknown locale", () => {
    const pool = new FakerPool(FULL_CHAINS);
    pool.randomizer.seed(0);
    expect(pool.randomizer.next()).toBe(mulberryFromZero[0]);
    pool.randomizer.seed([0, 99]);
    expect(pool.randomizer.next()).toBe(mulberryFromZero[0]);
    pool.randomizer.seed([]);
    expect(pool.randomizer.next()).toBe(mulberryFromZero[0]);
    pool.randomizer.seed(2 ** 32); // taken modulo 2³²: state 0
    expect(pool.randomizer.next()).toBe(mulberryFromZero[0]);
    pool.randomizer.seed(1);
    const fromOne = pool.randomizer.next();
    expect(fromOne).not.toBe(mulberryFromZero[0]);
    pool.randomizer.seed([1, 0]);
    expect(pool.randomizer.next()).toBe(fromOne);
    expect(() => new FakerPool({}).get('xx', 1)).toThrow('no Faker locale data for xx (nor en)');
  });

  it('chains only the locales whose whole chain is in the data', () => {
    // fr, en and base only: fr (fr, en, base) and en (en, base) chain; fr_CA (fr_CA, fr, …) does not.
    const data = { fr: {}, en: {}, base: {} } as Record<string, LocaleDefinition>;
    expect(Object.keys(chainsOf(data)).sort()).toEqual(['en', 'fr']);
    expect(chainsOf(data).fr).toEqual([data.fr, data.en, data.base]);
  });
});

describe('seed streams', () => {
  it('derive the seeds a Python transcription of splitmix32 gives', () => {
    expect(deriveSeed(1, STREAM.arrivals)).toBe(1341366612);
    expect(deriveSeed(1, STREAM.candidate, 7)).toBe(90660761);
    expect(deriveSeed(0xffffffff, STREAM.candidate, 1)).toBe(3527361881);
  });

  it('a uniform stream gives mulberry32 from the seed’s mixed state', () => {
    const u = uniformStream(42);
    expect([u(), u(), u()]).toEqual([0.1778232182841748, 0.6313992536161095, 0.49404995795339346]);
  });
});

describe('arrival times from scripted uniforms', () => {
  it("the arrival clock: candidate n where the stages' integral reaches n (k6's formula), worked by hand", () => {
    // Flat over 1 s, 3 candidates: unit 1m (the first ≥ 2 windows), 3/1000 per ms = 180 per
    // minute, so n arrives at n/180 min = 333.3…, 666.6…, 1000 ms.
    const flat = arrivalClock({ curve: [{ atMs: 0, rate: 1 }], windowMs: 1000 }, 3);
    expect([flat(1), flat(2), flat(3)].map((t) => Math.round(t * 1e6) / 1e6)).toEqual([333.333333, 666.666667, 1000]);
    // Rising 0 → 2 over 1 s, 4 candidates: 480 per minute at the end, 0.008 per ms; the
    // integral 0.008·x²/2000 reaches n at x = 500·√n.
    const rising = arrivalClock(
      {
        curve: [
          { atMs: 0, rate: 0 },
          { atMs: 1000, rate: 2 },
        ],
        windowMs: 1000,
      },
      4,
    );
    for (const n of [1, 2, 3, 4]) expect(rising(n)).toBeCloseTo(500 * Math.sqrt(n), 6);
    // Past the population (the stages' surplus is under half an iteration): no iteration.
    expect(rising(5)).toBeNaN();
  });

  it('thinned: exponential gaps at the peak rate, each kept with probability rate/peak', () => {
    // Rate rising 0 → 2 over 1 s (two segments), 4 expected: λmax = 4·2/1000 per ms, so a
    // gap of −ln(1 − u)/λmax is 125 ms per unit of −ln(1 − u).
    const rising = curveDistribution(
      [
        { atMs: 0, rate: 0 },
        { atMs: 500, rate: 1 },
        { atMs: 1000, rate: 2 },
      ],
      1000,
    );
    const gap = (x: number) => -Math.expm1(-x); // u with −ln(1 − u) = x
    const got = [
      ...thinnedArrivals(
        rising,
        4,
        scripted(
          gap(1),
          0.1, // t = 125, rate 0.25: 0.1·2 < 0.25, kept
          gap(2),
          0.5, // t = 375, rate 0.75: 1.0 ≥ 0.75, dropped
          gap(2),
          0.62, // t = 625, rate 1.25 (second segment): 1.24 < 1.25, kept
          gap(1),
          0.9, // t = 750, rate 1.5: 1.8 ≥ 1.5, dropped
          gap(1),
          0.8, // t = 875, rate 1.75: 1.6 < 1.75, kept
          gap(2), // t = 1125 > 1000: done
        ),
      ),
    ];
    expect(got).toHaveLength(3);
    expect(got[0]).toBeCloseTo(125, 9);
    expect(got[1]).toBeCloseTo(625, 9);
    expect(got[2]).toBeCloseTo(875, 9);
    // No rate anywhere: nothing, and no draw.
    expect([...thinnedArrivals(rising, 0, scripted())]).toEqual([]);
  });

  it('thinned on a peak: each instant judged by the rate of its own segment', () => {
    // 0 → 2 → 0 over 1 s, 4 expected: Λ = 1000, λmax = 4·2/1000 per ms, 125 ms per unit gap.
    // On a straight line every segment gives the same rate; a peak tells them apart.
    const peak = curveDistribution(
      [
        { atMs: 0, rate: 0 },
        { atMs: 500, rate: 2 },
        { atMs: 1000, rate: 0 },
      ],
      1000,
    );
    const gap = (x: number) => -Math.expm1(-x);
    const got = [
      ...thinnedArrivals(
        peak,
        4,
        scripted(
          gap(1),
          0.5, // t = 125, rate 0.5 (rising): 1.0 ≥ 0.5, dropped (the falling segment would say 3.5)
          gap(1),
          0.4, // t = 250, rate 1: 0.8 < 1, kept
          gap(3),
          0.9, // t = 625, rate 1.5 (falling): 1.8 ≥ 1.5, dropped (the rising one would say 2.5)
          gap(2),
          0.2, // t = 875, rate 0.5: 0.4 < 0.5, kept
          gap(2), // t = 1125 > 1000: done
        ),
      ),
    ];
    expect(got).toHaveLength(2);
    expect(got[0]).toBeCloseTo(250, 9);
    expect(got[1]).toBeCloseTo(875, 9);
  });
});

describe('writing a population', () => {
  const a = {
    id: 'c0',
    seq: 0,
    email: null,
    persona: { name: 'p', retry: 'fixed' },
    tags: ['x', 'y'],
  } as unknown as Candidate;
  const b = {
    id: 'c1',
    seq: 1,
    email: 'a,b@x',
    persona: { name: 'say "hi"', retry: 'fixed' },
    tags: [],
  } as unknown as Candidate;

  /** A sink with a tiny buffer, so the writer has to wait for `drain`. */
  function sink(): { out: Writable; text: () => string } {
    const chunks: string[] = [];
    const out = new Writable({
      highWaterMark: 4,
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        setImmediate(done);
      },
    });
    return { out, text: () => chunks.join('') };
  }

  it('ndjson: one object a line', async () => {
    const s = sink();
    expect(await writePopulation([a, b], s.out, 'ndjson')).toBe(2);
    expect(s.text()).toBe(`${JSON.stringify(a)}\n${JSON.stringify(b)}\n`);
  });

  it('ndjson by default', async () => {
    const s = sink();
    expect(await writePopulation([a], s.out)).toBe(1);
    expect(s.text()).toBe(`${JSON.stringify(a)}\n`);
  });

  it('json: an array with one candidate a line, and [] when empty', async () => {
    const s = sink();
    expect(await writePopulation([a, b], s.out, 'json')).toBe(2);
    expect(s.text()).toBe(`[\n${JSON.stringify(a)},\n${JSON.stringify(b)}\n]\n`);
    const e = sink();
    expect(await writePopulation([], e.out, 'json')).toBe(0);
    expect(e.text()).toBe('[]\n');
  });

  it('csv: RFC 4180 with a header of flattened keys, CRLF, nulls empty, quotes doubled', async () => {
    const s = sink();
    expect(await writePopulation([a, b], s.out, 'csv')).toBe(2);
    expect(s.text()).toBe(
      [
        'id,seq,email,persona.name,persona.retry,tags',
        'c0,0,,p,fixed,"x,y"',
        'c1,1,"a,b@x","say ""hi""",fixed,',
        '',
      ].join('\r\n'),
    );
  });

  it('flatten and csvField, rule by rule', () => {
    expect(flatten({ a: { b: { c: 1 } }, d: null, e: [1] })).toEqual({ 'a.b.c': 1, d: null, e: [1] });
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(false)).toBe('false');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('"')).toBe('""""');
  });
});
