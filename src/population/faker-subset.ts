import type { LocaleDefinition } from '@faker-js/faker';
import { LOCALE_DATA } from './locale-data.js';
import { CHAIN_NAMES, countryInfo, FAKER_KEYS } from './locales.js';

/**
 * The part of Faker's locale data the generator reads, for the k6 bundle. k6 runs a
 * script's init code in every VU, so whatever locale data the script holds is held
 * once per VU: Faker's full data for the 19 locales is 987 kB as JSON, this subset
 * 194 kB for all of them and 112 kB for election-night's nine countries (docs/k6.md has
 * the measured memory per VU).
 *
 * Keeps FAKER_KEYS (locales.ts), the keys the generator reads, of every locale of every
 * chain the scenario's countries may use. test/engine/k6/derive.test.ts checks the
 * bundle, subset included, gives the generator's candidates (full data) in every locale,
 * in Node's vm and in real k6.
 */
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
