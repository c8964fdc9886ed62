import { allLocales, type LocaleDefinition } from '@faker-js/faker';
import { CHAIN_NAMES, chainsOf, type LocaleChains } from './locales.js';

/**
 * Faker's locale data for every locale of locales.ts's chains (COUNTRIES and the
 * English fallback), by Faker's own names. Kept apart from locales.ts so that code
 * which runs where this data must not go (the k6 bundle, see faker-subset.ts) never
 * imports it.
 */
export const LOCALE_DATA: Record<string, LocaleDefinition> = Object.fromEntries(
  [...new Set(Object.values(CHAIN_NAMES).flat())].map((name) => {
    const data = (allLocales as Record<string, LocaleDefinition | undefined>)[name];
    if (!data) throw new Error(`Faker has no locale named ${name}`);
    return [name, data];
  }),
);

/** Every locale with Faker's full data. */
export const FULL_CHAINS: LocaleChains = chainsOf(LOCALE_DATA);
