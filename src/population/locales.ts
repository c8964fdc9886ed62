import { Faker, type LocaleDefinition, type Randomizer } from '@faker-js/faker';

/**
 * Which Faker locale speaks for a candidate of each country, and what language the
 * candidate's language levels lean to. Canada draws French or English: about 21 % of
 * Canadians report French as their mother tongue (Statistics Canada, 2016 Census),
 * rounded here to one in five.
 *
 * The Maghreb countries (DZ, MA, TN) use Faker's Arabic locale: names in Arabic
 * script, e-mail addresses transliterated by Faker. Countries not listed fall back
 * to generic English names.
 */
export interface LocaleChoice {
  locale: string;
  /** Cumulative share used to pick this locale within its country. */
  upTo: number;
}

interface CountryInfo {
  locales: LocaleChoice[];
  /** Dominant official/working languages, for the language-level model (attributes.ts). */
  french: 'native' | 'common' | 'rare';
  english: 'native' | 'common' | 'rare';
}

const C = (locale: string, french: CountryInfo['french'], english: CountryInfo['english']): CountryInfo => ({
  locales: [{ locale, upTo: 1 }],
  french,
  english,
});

export const COUNTRIES: Record<string, CountryInfo> = {
  CA: {
    locales: [
      { locale: 'fr_CA', upTo: 0.2 },
      { locale: 'en_CA', upTo: 1 },
    ],
    french: 'common',
    english: 'native',
  },
  US: C('en_US', 'rare', 'native'),
  MX: C('es_MX', 'rare', 'common'),
  FR: C('fr', 'native', 'common'),
  BE: C('fr_BE', 'native', 'common'),
  CH: C('fr_CH', 'native', 'common'),
  SN: C('fr_SN', 'native', 'rare'),
  DZ: C('ar', 'common', 'rare'),
  MA: C('ar', 'common', 'rare'),
  TN: C('ar', 'common', 'rare'),
  AU: C('en_AU', 'rare', 'native'),
  GB: C('en_GB', 'rare', 'native'),
  IN: C('en_IN', 'rare', 'common'),
  NG: C('en_NG', 'rare', 'native'),
  CN: C('zh_CN', 'rare', 'common'),
  BR: C('pt_BR', 'rare', 'common'),
  VN: C('vi', 'rare', 'common'),
  DE: C('de', 'rare', 'common'),
  ES: C('es', 'rare', 'common'),
};

const FALLBACK: CountryInfo = C('en', 'rare', 'common');

export function countryInfo(code: string): CountryInfo {
  return COUNTRIES[code] ?? FALLBACK;
}

/** Locale for a country given a uniform draw. */
export function pickLocale(code: string, u: number): string {
  const choices = countryInfo(code).locales;
  for (const c of choices) if (u < c.upTo) return c.locale;
  return choices[choices.length - 1]!.locale;
}

/** Faker locale chains by locale name: the locale first, then its fallbacks (e.g. fr_CA, fr, en, base). */
export type LocaleChains = Record<string, LocaleDefinition[]>;

/** Each locale's fallback chain, by name: Faker reads a definition from the first locale that has it. */
export const CHAIN_NAMES: Record<string, readonly string[]> = {
  ar: ['ar', 'fr', 'en', 'base'],
  de: ['de', 'en', 'base'],
  en: ['en', 'base'],
  en_AU: ['en_AU', 'en', 'base'],
  en_CA: ['en_CA', 'en', 'base'],
  en_GB: ['en_GB', 'en', 'base'],
  en_IN: ['en_IN', 'en', 'base'],
  en_NG: ['en_NG', 'en', 'base'],
  en_US: ['en_US', 'en', 'base'],
  es: ['es', 'en', 'base'],
  es_MX: ['es_MX', 'es', 'en', 'base'],
  fr: ['fr', 'en', 'base'],
  fr_BE: ['fr_BE', 'fr', 'en', 'base'],
  fr_CA: ['fr_CA', 'fr', 'en', 'base'],
  fr_CH: ['fr_CH', 'fr', 'en', 'base'],
  fr_SN: ['fr_SN', 'fr', 'en', 'base'],
  pt_BR: ['pt_BR', 'en', 'base'],
  vi: ['vi', 'en', 'base'],
  zh_CN: ['zh_CN', 'en', 'base'],
};

/** Chains of definitions from named locale data (the full data in locale-data.ts, a subset in the k6 bundle). */
export function chainsOf(data: Record<string, LocaleDefinition>, names = CHAIN_NAMES): LocaleChains {
  const out: LocaleChains = {};
  for (const [locale, chain] of Object.entries(names)) {
    if (chain.every((n) => data[n])) out[locale] = chain.map((n) => data[n] as LocaleDefinition);
  }
  return out;
}

/**
 * The locale data the generator reads: Faker 10's methods that candidate.ts and
 * attributes.ts call read these keys and no others (@faker-js/faker dist,
 * `this.faker.definitions.…`):
 *   person.sexType()          none
 *   person.firstName(sex)     person.first_name
 *   person.lastName(sex)      person.last_name_pattern (raw, when the locale has one), person.last_name
 *   person.jobTitle()         person.job_title_pattern → job_descriptor, job_area, job_type
 *   internet.email({…})       internet.free_email
 *   date.birthdate({…})       none
 * A new Faker call in the generator must add what it reads here; the k6 bundle holds
 * these keys only (faker-subset.ts), and test/engine/k6/derive.test.ts fails when
 * the two disagree (it compares the bundle's candidates with the generator's in every locale).
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

type Category = Record<string, unknown>;

/**
 * One Faker whose locale data is switched per candidate, drawing from a randomizer the
 * generator reseeds per candidate.
 *
 * One Faker, not one per locale: inside k6 every VU holds its own, and a Faker
 * instance costs goja about 0.6 MB (it binds every method of its 30 modules); the
 * switch rewrites FAKER_KEYS in the one live locale object, which Faker reads through
 * on every call. Each locale's keys are merged from its chain as Faker merges a
 * chain (the first locale that has a key wins), from Faker's full data in Node
 * (locale-data.ts) or the subset embedded in the k6 bundle (faker-subset.ts): the
 * same values either way.
 *
 * Reseeding Faker's default Mersenne Twister costs about 25 µs (624 words of state);
 * mulberry32 reseeds in one assignment, so every candidate's fields depend on its own
 * seed alone and generation stays fast.
 */
export class FakerPool {
  private state = 0;
  private readonly merged = new Map<string, Record<string, Category>>();
  private readonly live: Record<string, Category> = {};
  private readonly faker: Faker;
  private current: string | undefined;

  constructor(private readonly chains: LocaleChains) {
    for (const category of Object.keys(FAKER_KEYS)) this.live[category] = {};
    // Not an array: Faker then keeps this very object as its raw definitions.
    this.faker = new Faker({ locale: this.live as LocaleDefinition, randomizer: this.randomizer });
  }

  readonly randomizer: Randomizer = {
    next: () => {
      // mulberry32, as in src/journey/rng.ts, inlined: this is the hottest loop.
      const s = (this.state + 0x6d2b79f5) >>> 0;
      this.state = s;
      let t = Math.imul(s ^ (s >>> 15), s | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    seed: (seed: number | number[]) => {
      this.state = (Array.isArray(seed) ? (seed[0] ?? 0) : seed) >>> 0;
    },
  };

  /** FAKER_KEYS of a locale, merged along its chain. */
  private mergedOf(locale: string): Record<string, Category> {
    let m = this.merged.get(locale);
    if (m) return m;
    const chain = this.chains[locale] ?? this.chains.en;
    if (!chain) throw new Error(`no Faker locale data for ${locale} (nor en)`);
    m = {};
    for (const [category, keys] of Object.entries(FAKER_KEYS)) {
      const out: Category = {};
      for (const key of keys) {
        for (const def of chain) {
          const value = (def as Record<string, Category | undefined>)[category]?.[key];
          if (value !== undefined) {
            out[key] = value;
            break;
          }
        }
      }
      m[category] = out;
    }
    this.merged.set(locale, m);
    return m;
  }

  /** The Faker speaking `locale`, reseeded to `seed`. */
  get(locale: string, seed: number): Faker {
    if (locale !== this.current) {
      const m = this.mergedOf(locale);
      for (const [category, keys] of Object.entries(FAKER_KEYS)) {
        const live = this.live[category] as Category;
        const from = m[category] as Category;
        for (const key of keys) {
          if (key in from) live[key] = from[key];
          else delete live[key];
        }
      }
      this.current = locale;
    }
    this.state = seed >>> 0;
    return this.faker;
  }
}
