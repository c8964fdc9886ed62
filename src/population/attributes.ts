import type { Faker } from '@faker-js/faker';
import type { ProfileSpec } from '../scenario/types.js';
import { EDUCATION, type Education, eoiScore, LANGUAGE_LEVELS, type LanguageLevel, type Permit } from './eoi-score.js';
import { countryInfo } from './locales.js';
import type { Uniform } from './stream.js';
import type { CandidateAttributes } from './types.js';

/**
 * Eligibility attributes of one candidate. The distributions are modelling choices
 * (documented here, not sourced): skilled-worker applicants skew educated; language
 * levels follow whether French/English is native, common or rare in the country.
 */
const EDUCATION_WEIGHTS: Record<Education, number> = {
  secondary: 0.1,
  diploma: 0.2,
  bachelor: 0.4,
  master: 0.25,
  doctorate: 0.05,
};

/** P(none, basic, intermediate, advanced) by how present the language is in the country. */
const LEVEL_WEIGHTS: Record<'native' | 'common' | 'rare', readonly number[]> = {
  native: [0, 0.02, 0.08, 0.9],
  common: [0.1, 0.25, 0.4, 0.25],
  rare: [0.55, 0.25, 0.15, 0.05],
};

/** Permit held by those present in Québec on the presence date. */
const PERMIT_WEIGHTS: ReadonlyArray<[Permit, number]> = [
  ['work', 0.55],
  ['study', 0.35],
  ['visitor', 0.1],
];

const DAY = 86_400_000;

export interface AttributeContext {
  profile: Required<ProfileSpec>;
  /** Real-world epoch ms of the start of the arrival window. */
  startsAtMs: number;
  /** Real-world epoch ms of this candidate's arrival. */
  arrivalRealMs: number;
  /** The journey submits an expression of interest: its date is the arrival. */
  submitsInterest: boolean;
}

function pick<T>(values: readonly T[], weights: readonly number[], u: number): T {
  let x = u;
  for (let i = 0; i < values.length; i++) {
    if (x < weights[i]!) return values[i]!;
    x -= weights[i]!;
  }
  return values[values.length - 1]!;
}

function level(kind: 'native' | 'common' | 'rare', u: number): LanguageLevel {
  return pick(LANGUAGE_LEVELS, LEVEL_WEIGHTS[kind], u);
}

/** Draws the attributes; `u` is the candidate's own stream, `faker` already seeded for it. */
export function drawAttributes(
  country: string,
  locale: string,
  faker: Faker,
  u: Uniform,
  ctx: AttributeContext,
): CandidateAttributes {
  const info = countryInfo(country);
  const birth = faker.date.birthdate({ mode: 'age', min: 18, max: 50, refDate: ctx.startsAtMs });
  const birthDate = birth.toISOString().slice(0, 10);
  const age = ageOn(birthDate, ctx.startsAtMs);
  const education = pick(
    EDUCATION,
    EDUCATION.map((e) => EDUCATION_WEIGHTS[e]),
    u(),
  );
  const occupation = faker.person.jobTitle();
  const experienceYears = Math.min(Math.max(0, age - 20), Math.floor(u() * 16));
  const french = level(locale === 'fr_CA' ? 'native' : info.french, u());
  const english = level(locale === 'en_CA' ? 'native' : info.english, u());
  const present = u() < ctx.profile.presentInQuebec;
  const permit: Permit | null = present
    ? pick(
        PERMIT_WEIGHTS.map((p) => p[0]),
        PERMIT_WEIGHTS.map((p) => p[1]),
        u(),
      )
    : null;
  const jobOffer = u() < (present ? 0.25 : 0.05);
  const from = Date.parse(`${ctx.profile.eoiFrom}T00:00:00Z`);
  const eoiMs = ctx.submitsInterest
    ? ctx.arrivalRealMs
    : from + Math.floor((u() * Math.max(0, ctx.startsAtMs - from)) / DAY) * DAY;
  return {
    birthDate,
    age,
    citizenship: country,
    residence: present ? 'CA' : country,
    education,
    occupation,
    experienceYears,
    french,
    english,
    presenceDate: ctx.profile.presenceDate,
    presentInQuebec: present,
    permit,
    presentInQuebecWithPermit: permit === 'work' || permit === 'study',
    jobOffer,
    eoiSubmittedAt: new Date(eoiMs).toISOString(),
    eoiScore: eoiScore({ age, education, experienceYears, french, english, permit, jobOffer }),
  };
}

/** Whole years between a `YYYY-MM-DD` birth date and an instant. */
export function ageOn(birthDate: string, atMs: number): number {
  const at = new Date(atMs);
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d)) age--;
  return age;
}
