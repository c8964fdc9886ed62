import { UsageErrorLike } from '../../util/usage-error.js';

/**
 * k6 execution segments ("0:1/4", "1/4:1/2", "0.5:1"): a share of the population.
 *
 * Membership stripes candidates over the segment space with the base-2 van der Corput
 * sequence u(i) (the bit-reversed index): every candidate lands in exactly one of any
 * set of segments that partitions [0, 1), so N processes together run exactly the
 * population one would; and for dyadic segments (halves, quarters, eighths) the split is
 * exact and evenly spread in time, like k6's striped segment sequences.
 */
export interface Segment {
  from: number;
  to: number;
  text: string;
}

export const WHOLE: Segment = { from: 0, to: 1, text: '0:1' };

function fraction(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)(?:\s*\/\s*(\d+(?:\.\d+)?))?\s*$/.exec(text);
  if (!m) throw new UsageErrorLike(`${flag}: expected a fraction like 1/4 or 0.25, got "${text}"`);
  const v = Number(m[1]) / (m[2] !== undefined ? Number(m[2]) : 1);
  if (!(v >= 0 && v <= 1)) throw new UsageErrorLike(`${flag}: expected a value between 0 and 1, got "${text}"`);
  return v;
}

export function parseSegment(text: string, flag = '--segment'): Segment {
  const parts = text.split(':');
  if (parts.length !== 2) throw new UsageErrorLike(`${flag}: expected FROM:TO like 0:1/4, got "${text}"`);
  const from = fraction(parts[0] as string, flag);
  const to = fraction(parts[1] as string, flag);
  if (!(from < to)) throw new UsageErrorLike(`${flag}: expected FROM < TO, got "${text}"`);
  return { from, to, text };
}

/** Base-2 radical inverse of i (exact in a double for i < 2^32). */
export function vanDerCorput(i: number): number {
  let n = i >>> 0;
  let hi = 0;
  let f = 0.5;
  // Remaining high bits past 32 are ignored: populations above 4 billion are out of scope.
  while (n > 0) {
    if (n & 1) hi += f;
    n >>>= 1;
    f /= 2;
  }
  return hi;
}

export function inSegment(seq: number, seg: Segment): boolean {
  if (seg.from === 0 && seg.to === 1) return true;
  const u = vanDerCorput(seq);
  return u >= seg.from && u < seg.to;
}
