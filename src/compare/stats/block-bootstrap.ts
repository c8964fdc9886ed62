import type { Random } from './random.js';

/**
 * Circular block bootstrap (Politis & Romano 1992), the variant of Künsch's (1989)
 * moving block bootstrap that wraps the series into a circle so every observation is
 * equally likely to be drawn — which makes the resampled mean unbiased for the sample
 * mean. Time windows of one run are autocorrelated (a queue that builds up stays
 * built up), so resampling single windows would understate the variance; resampling
 * blocks of `blockLength` consecutive windows keeps that dependence.
 *
 * Returns how many times each of the n positions was drawn in one resample of n
 * positions (ceil(n / l) blocks, the last one cut short). Cost O(n).
 */
export function circularBlockWeights(
  n: number,
  blockLength: number,
  rng: Random,
  into = new Uint32Array(n),
): Uint32Array {
  if (!(n > 0) || !(blockLength >= 1))
    throw new RangeError(`circularBlockWeights requires n > 0 and blockLength ≥ 1, got ${n}, ${blockLength}`);
  into.fill(0);
  const l = Math.min(Math.floor(blockLength), n);
  let drawn = 0;
  while (drawn < n) {
    const start = rng.int(n);
    const take = Math.min(l, n - drawn);
    for (let k = 0; k < take; k++) {
      const i = (start + k) % n;
      into[i] = (into[i] as number) + 1;
    }
    drawn += take;
  }
  return into;
}

/**
 * Block length for n windows: ⌈n^(1/3)⌉, the rate Hall, Horowitz & Jing (1995) show is
 * optimal for bootstrap estimates of variance and bias of smooth statistics; at least 1.
 */
export function blockLengthFor(n: number): number {
  return Math.max(1, Math.ceil(Math.cbrt(n)));
}
