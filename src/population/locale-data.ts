import {
  ar,
  base,
  de,
  en,
  en_AU,
  en_CA,
  en_GB,
  en_IN,
  en_NG,
  en_US,
  es,
  es_MX,
  fr,
  fr_BE,
  fr_CA,
  fr_CH,
  fr_SN,
  pt_BR,
  vi,
  zh_CN,
  type LocaleDefinition,
} from '@faker-js/faker';
import { chainsOf, type LocaleChains } from './locales.js';

/**
 * Faker's locale data for the locales of locales.ts (COUNTRIES and the English
 * fallback), by Faker's own names. Kept apart from locales.ts so that code which runs
 * where this data must not go (the k6 bundle, see faker-subset.ts) never imports it.
 */
export const LOCALE_DATA: Record<string, LocaleDefinition> = {
  ar,
  base,
  de,
  en,
  en_AU,
  en_CA,
  en_GB,
  en_IN,
  en_NG,
  en_US,
  es,
  es_MX,
  fr,
  fr_BE,
  fr_CA,
  fr_CH,
  fr_SN,
  pt_BR,
  vi,
  zh_CN,
};

/** Every locale with Faker's full data. */
export const FULL_CHAINS: LocaleChains = chainsOf(LOCALE_DATA);
