import { describe, expect, it } from 'vitest';
import { generatePopulation } from '../../src/population/generate.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('country mix', () => {
  it('matches the scenario mix on 100,000 candidates (chi-square, 8 degrees of freedom)', async () => {
    // election-night has 5,256,992 visitors at full scale; this scale gives exactly 100,000.
    const full = await loadScenario('election-night', { scale: 1 });
    const s = await loadScenario('election-night', { scale: 100_000 / full.population, timeScale: 60 });
    expect(s.population).toBe(100_000);
    const counts = new Map<string, number>();
    const locales = new Map<string, number>();
    for (const c of generatePopulation(s, 2016)) {
      counts.set(c.country, (counts.get(c.country) ?? 0) + 1);
      if (c.country === 'CA') locales.set(c.locale, (locales.get(c.locale) ?? 0) + 1);
    }
    let chi2 = 0;
    for (const { code, share } of s.countries) {
      const expected = share * s.population;
      chi2 += ((counts.get(code) ?? 0) - expected) ** 2 / expected;
    }
    expect(s.countries).toHaveLength(9);
    // χ²(0.999; 8) = 26.124: NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4,
    // "Critical values of the chi-square distribution" (upper tail 0.001, ν = 8).
    expect(chi2).toBeLessThan(26.124);
    // Canada speaks both: about one in five Canadian candidates gets the fr_CA locale.
    const ca = counts.get('CA')!;
    expect(Math.abs((locales.get('fr_CA') ?? 0) / ca - 0.2)).toBeLessThan(0.01);
    expect((locales.get('fr_CA') ?? 0) + (locales.get('en_CA') ?? 0)).toBe(ca);
  }, 60_000);
});
