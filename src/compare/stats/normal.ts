import { errorFunction } from 'simple-statistics';

/**
 * Standard normal CDF Φ(z) = ½(1 + erf(z/√2)), with simple-statistics' erf
 * (|error| < 1.2e-7), used for the Mann-Whitney normal approximation.
 * simple-statistics' own table-based CDF is rounded to 0.01 in z, too coarse for
 * p-values. Cost O(1).
 */
export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

// Acklam's rational approximation of the normal quantile (relative error < 1.15e-9).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

const poly = (c: readonly number[], x: number) => c.reduce((acc, k) => acc * x + k, 0);

/**
 * Φ⁻¹(p): the z with Φ(z) = p (1.959964 for 0.975), by Peter Acklam's algorithm
 * (2003): a rational function in the centre and in √(−2 ln p) in the tails.
 * simple-statistics' probit is off by 3e-3 at 0.975, too much for t quantiles built
 * on it. Cost O(1). Throws outside (0, 1).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile requires 0 < p < 1, got ${p}`);
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - P_LOW) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}
