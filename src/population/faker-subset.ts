import type { LocaleDefinition } from '@faker-js/faker';
import { LOCALE_DATA } from './locale-data.js';
import { CHAIN_NAMES, countryInfo } from './locales.js';

/**
 * The part of Faker's locale data the generator reads, for the k6 bundle. k6 runs a
 * script's init code in every VU, so whatever locale data the script holds is held
 * once per VU: Faker's full data for the 19 locales is about 3 MB of source, this
 * subset a tenth of it (docs/k6.md has the measured memory per VU).
 *
 * The keys are those Faker 10's methods that generate.ts and attributes.ts call read
 * (@faker-js/faker dist, `this.faker.definitions.…`):
 *   person.sexType()          none
 *   person.firstName(sex)     person.first_name
 *   person.lastName(sex)      person.last_name_pattern (raw, when the locale has one), person.last_name
 *   person.jobTitle()         person.job_title_pattern → job_descriptor, job_area, job_type
 *   internet.email({…})       internet.free_email
 *   date.birthdate({…})       none
 * Faker merges a chain key by key (the first locale that has a key wins), so keeping
 * these keys of every locale of a chain gives the same values as the full chain:
 * test/population/faker-subset.test.ts checks it over every locale, and
 * test/engine/k6/derive.test.ts inside k6.
 */
export const FAKER_KEYS: Readonly<Record<string, readonly string[]>> = {
  person: [
    'first_name',
    'last_name',
    'last_name_pattern',
    'job_title_pattern',
    'job_descriptor',
    'job_area',
    'job_type',
  ],
  internet: ['free_email'],
};

/** The Faker locales candidates of these countries may use (locales.ts COUNTRIES, English for the rest). */
export function localesOf(countries: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const code of countries) for (const c of countryInfo(code).locales) out.add(c.locale);
  return [...out].sort();
}

/** Only FAKER_KEYS of one locale's data (and its metadata), as plain JSON. */
function subsetOf(def: LocaleDefinition): LocaleDefinition {
  const out: Record<string, Record<string, unknown>> = {};
  if (def.metadata) out.metadata = { ...def.metadata };
  for (const [category, keys] of Object.entries(FAKER_KEYS)) {
    const from = (def as Record<string, Record<string, unknown> | undefined>)[category];
    if (!from) continue;
    const kept: Record<string, unknown> = {};
    for (const k of keys) if (from[k] !== undefined) kept[k] = from[k];
    if (Object.keys(kept).length > 0) out[category] = kept;
  }
  return out as LocaleDefinition;
}

/**
 * The locale data candidates of `countries` need, by Faker locale name: every locale of
 * every chain they may use, each cut to FAKER_KEYS. `chainsOf` (locales.ts) turns it
 * into the chains a FakerPool takes.
 */
export function fakerSubset(countries: Iterable<string>): Record<string, LocaleDefinition> {
  const names = new Set<string>();
  for (const locale of localesOf(countries)) for (const n of CHAIN_NAMES[locale] ?? CHAIN_NAMES.en ?? []) names.add(n);
  const out: Record<string, LocaleDefinition> = {};
  for (const n of [...names].sort()) {
    const def = LOCALE_DATA[n];
    if (!def) throw new Error(`no Faker locale data named ${n}`);
    out[n] = subsetOf(def);
  }
  return out;
}
