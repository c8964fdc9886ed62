import { UsageError } from '../util/usage-error.js';

/**
 * k6 execution segments ("0:1/4", "1/4:1/2", ".5:1", "0:25%"): a share of the population,
 * parsed once for every engine, with k6's own syntax, so a segment one engine accepts the
 * other does too.
 *
 * A value is what k6 accepts (k6 v1.3.0, lib/execution_segment.go, Go's big.Rat): an
 * integer or decimal (`1`, `0.25`, `.25`), a fraction of two integers (`1/4`), or a
 * percentage (`25%`). `1.5/3` is refused, as k6 refuses it ("not a valid percentage,
 * decimal, fraction or interval value").
 *
 * Node engine: membership stripes candidates over the segment space with the base-2 van der
 * Corput sequence u(i) (the bit-reversed index): every candidate lands in exactly one of any
 * set of segments that partitions [0, 1), so N processes together run exactly the population
 * one would; and for dyadic segments (halves, quarters, eighths) the split is exact and evenly
 * spread in time, like k6's striped segment sequences.
 *
 * k6 engine: k6 stripes iterations over a *sequence* of segments; every instance of one run
 * must pass the same sequence or their iterations overlap
 * (https://grafana.com/docs/k6/latest/using-k6/k6-options/reference/#execution-segment).
 * For the common k/n:(k+1)/n form the sequence is 0,1/n,…,1 — what every process of an
 * n-way split computes on its own.
 */
export interface Segment {
  from: number;
  to: number;
  /** As the user wrote it (what k6 is passed). */
  text: string;
}

export const WHOLE: Segment = { from: 0, to: 1, text: '0:1' };

const VALUE = /^\s*(?:(\d+)\s*\/\s*(\d+)|(\d+(?:\.\d*)?|\.\d+)(%?))\s*$/;

function value(part: string, text: string, flag: string): number {
  const m = VALUE.exec(part);
  if (!m)
    throw new UsageError(
      `${flag}: expected FROM:TO with values like 1/4, 0.25 or 25%, got "${text}" ("${part.trim()}" is none of them)`,
    );
  const v = m[1] !== undefined ? Number(m[1]) / Number(m[2]) : Number(m[3]) / (m[4] ? 100 : 1);
  if (!(v >= 0 && v <= 1)) throw new UsageError(`${flag}: expected values between 0 and 1, got "${text}"`);
  return v;
}

export function parseSegment(text: string, flag = '--segment'): Segment {
  const parts = text.split(':');
  if (parts.length !== 2) throw new UsageError(`${flag}: expected FROM:TO like 0:1/4, got "${text}"`);
  const from = value(parts[0] as string, text, flag);
  const to = value(parts[1] as string, text, flag);
  if (!(from < to)) throw new UsageError(`${flag}: expected FROM < TO, got "${text}"`);
  return { from, to, text };
}

/** The segment sequence every k6 instance of the run is given (`--execution-segment-sequence`). */
export function k6Sequence(seg: Segment): string {
  const n = Math.round(1 / (seg.to - seg.from));
  const k = Math.round(seg.from * n);
  const even = Math.abs(seg.to - seg.from - 1 / n) < 1e-12 && Math.abs(seg.from - k / n) < 1e-12;
  if (even) return Array.from({ length: n + 1 }, (_, i) => (i === 0 ? '0' : i === n ? '1' : `${i}/${n}`)).join(',');
  const [a, b] = seg.text.split(':').map((s) => s.trim());
  return [...new Set(['0', a as string, b as string, '1'])].join(',');
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

/** Whether the candidate with this sequence number belongs to the segment (node engine). */
export function inSegment(seq: number, seg: Segment): boolean {
  if (seg.from === 0 && seg.to === 1) return true;
  const u = vanDerCorput(seq);
  return u >= seg.from && u < seg.to;
}
