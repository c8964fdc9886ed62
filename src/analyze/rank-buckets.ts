/**
 * The values at ranks `ks` (ascending) of a large array by its values' leading bits: a
 * radix select. A pass counts the values in each of 2^20 buckets of their leading bits
 * (in an order-preserving binary form); the cumulative counts name the bucket that
 * holds each rank; a second pass moves the values of those buckets (at most one per
 * rank) to the front. Values of one kind of run bunch up (a night's 5.26 million times
 * to outcome put 65 % of them in the 191 buckets of its curve's 200 ranks), so the kept
 * values are bucketed once more by the next bits (their bucket renumbered in front of
 * them), and only the few left are sorted.
 *
 * The order-preserving form (M. Herf, "Radix tricks", 2001): a double's bits, with the
 * sign bit set for a positive value and every bit reversed for a negative one, compare
 * as unsigned integers as the values do (−0 just before +0, as the typed array's sort
 * puts them). Equal leading bits are ordered by the final sort, so the result is the
 * sorted array's, whatever the spread: values all in one bucket are all sorted (as
 * without buckets). `xs` must hold no NaN, and is reordered in place.
 */

const KEY_BITS = 20;
const BUCKETS = 1 << KEY_BITS;
/** Index of a double's high 32-bit word in its Uint32Array view (1 on little-endian machines). */
const HI = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? 1 : 0;

/** The order-preserving form's high 32 bits, from the double's. */
function ordered(hi: number): number {
  return (hi & 0x8000_0000) !== 0 ? ~hi >>> 0 : (hi | 0x8000_0000) >>> 0;
}

export function valuesAtRanksByBuckets(xs: Float64Array, ks: readonly number[]): number[] {
  const words = new Uint32Array(xs.buffer, xs.byteOffset, 2 * xs.length);
  const counts = new Int32Array(BUCKETS);
  // First level: the top 20 bits (sign, exponent, 8 bits of the fraction).
  const top = (w: number): number => ordered(words[w] as number) >>> (32 - KEY_BITS);
  const first = keep(xs, xs.length, ks, counts, top);
  if (first.packed < 1 << 16) return finish(xs, first.packed, first.at);
  // Second level, over the kept values: their first-level bucket's number, then as many
  // of the next bits as fit in 20 (12 for up to 256 kept buckets).
  const shift = Math.max(1, Math.ceil(Math.log2(first.kept)));
  const next = KEY_BITS - shift;
  const renumbered = first.renumbered;
  const second = (w: number): number => {
    const hi = ordered(words[w] as number);
    const group = renumbered[hi >>> (32 - KEY_BITS)] as number;
    return (group << next) | ((hi >>> (32 - KEY_BITS - next)) & ((1 << next) - 1));
  };
  counts.fill(0);
  const again = keep(xs, first.packed, first.at, counts, second);
  return finish(xs, again.packed, again.at);
}

/**
 * Counts `xs[0..n)` by `key` (of the index of each value's high word), keeps the
 * buckets that hold the ranks `ks` (ascending), moves their values to the front, and
 * gives each rank's place among them once sorted.
 */
function keep(
  xs: Float64Array,
  n: number,
  ks: readonly number[],
  counts: Int32Array,
  key: (w: number) => number,
): { packed: number; at: number[]; kept: number; renumbered: Int32Array } {
  for (let i = 0, w = HI; i < n; i++, w += 2) {
    const b = key(w);
    counts[b] = (counts[b] as number) + 1;
  }
  // Walk the buckets in order: a bucket that holds a rank is kept and numbered 0, 1, … in
  // order (`renumbered`, -1 where not kept), and the rank's place among the kept values
  // noted (kept buckets before it, then its own).
  const renumbered = new Int32Array(BUCKETS).fill(-1);
  const at = new Array<number>(ks.length);
  let below = 0;
  let packed = 0;
  let kept = 0;
  for (let b = 0, j = 0; b < BUCKETS && j < ks.length; b++) {
    const c = counts[b] as number;
    if (c > 0 && (ks[j] as number) < below + c) {
      renumbered[b] = kept++;
      for (; j < ks.length && (ks[j] as number) < below + c; j++) at[j] = packed + (ks[j] as number) - below;
      packed += c;
    }
    below += c;
  }
  let front = 0;
  for (let i = 0, w = HI; i < n; i++, w += 2) {
    if ((renumbered[key(w)] as number) >= 0) {
      const x = xs[i] as number;
      xs[i] = xs[front] as number;
      xs[front++] = x;
    }
  }
  return { packed, at, kept, renumbered };
}

function finish(xs: Float64Array, packed: number, at: readonly number[]): number[] {
  const sorted = xs.subarray(0, packed).sort();
  return at.map((p) => sorted[p] as number);
}
