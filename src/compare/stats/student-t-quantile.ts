import { normalQuantile } from './normal.js';

/**
 * Quantile of Student's t with ν degrees of freedom (p > 0.5 gives the positive
 * tail). Exact for ν = 1 (Cauchy) and ν = 2; for ν ≥ 3 the Cornish-Fisher expansion
 * of Abramowitz & Stegun 26.7.5 in terms of the normal quantile z, accurate to about
 * 4e-3 at ν = 3, 1e-4 at ν = 6, 1e-5 at ν = 10 (against scipy.stats.t.ppf) — ample
 * for widening an interval.
 * Throws outside 0 < p < 1 or for ν < 1.
 */
export function studentTQuantile(p: number, nu: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile requires 0 < p < 1, got ${p}`);
  if (!(nu >= 1)) throw new RangeError(`studentTQuantile requires ν ≥ 1, got ${nu}`);
  if (nu === 1) return Math.tan(Math.PI * (p - 0.5));
  if (nu === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * (5 * z2 * z2 + 16 * z2 + 3)) / 96;
  const g3 = (z * (3 * z2 * z2 * z2 + 19 * z2 * z2 + 17 * z2 - 15)) / 384;
  const g4 = (z * (79 * z2 ** 4 + 776 * z2 ** 3 + 1482 * z2 * z2 - 1920 * z2 - 945)) / 92160;
  return z + g1 / nu + g2 / nu ** 2 + g3 / nu ** 3 + g4 / nu ** 4;
}
