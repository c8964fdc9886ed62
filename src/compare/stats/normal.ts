import { errorFunction, probit } from 'simple-statistics';

/**
 * Standard normal CDF Φ(z) = ½(1 + erf(z/√2)) (Abramowitz & Stegun 7.1.26 via
 * simple-statistics' erf, |error| < 1.2e-7), used for the Mann-Whitney normal
 * approximation. simple-statistics' own table-based CDF is rounded to 0.01 in z,
 * too coarse for p-values. Cost O(1).
 */
export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/** Φ⁻¹(p): the z with Φ(z) = p (e.g. 1.959964 for 0.975). Throws outside (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile requires 0 < p < 1, got ${p}`);
  return probit(p);
}
