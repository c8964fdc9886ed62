import type { Better, Verdict } from './types.js';

/** A significant move is a regression or an improvement depending on which way is better. */
export function verdictOf(significant: boolean, delta: number, better: Better): Verdict {
  if (!significant || delta === 0) return 'no significant change';
  return delta > 0 === (better === 'lower') ? 'regressed' : 'improved';
}

/**
 * Runs needed per side before a two-sided Mann-Whitney test at level α can reject at
 * all: the smallest k with 2 / C(2k, k) ≤ α (4 for α = 0.05, as benchstat reports).
 */
export function runsNeeded(alpha: number): number {
  let k = 1;
  let c = 2; // C(2k, k)
  while (2 / c > alpha) {
    k++;
    c = (c * (2 * k) * (2 * k - 1)) / (k * k);
  }
  return k;
}
