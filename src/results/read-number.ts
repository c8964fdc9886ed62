import type { Bytes } from './read-byte-match.js';

/**
 * The value of a k6 sample straight from its bytes, exactly as `Number(text)` reads it,
 * where text runs from `start` to the first comma.
 *
 * Fast path (Clinger 1990, "How to read floating point numbers accurately", the
 * "fast path"): a decimal `-?digits[.digits]` with at most 15 digits is m / 10^f with
 * m < 10^15 < 2^53 and f ≤ 22, so m and 10^f are exact doubles and one IEEE division
 * rounds the exact quotient correctly — the same double Number() returns. Anything else
 * (more digits, exponents, odd spellings) is read by Number() itself from an ASCII copy.
 */
const POW10: number[] = [];
for (let i = 0; i <= 22; i++) POW10.push(Number(`1e${i}`));

export interface NumberScan {
  value: number;
  /** Position of the comma that ends the text. */
  end: number;
}

/** Reads buf[start, first comma before `limit`) into `out`; false when there is no comma, the text is not a finite number, or it holds a non-ASCII byte. */
export function scanNumber(b: Bytes, start: number, limit: number, out: NumberScan): boolean {
  const buf = b.buf;
  let i = start;
  const neg = buf[i] === 45; /* - */
  if (neg) i++;
  let m = 0; // the first 15 digits
  let low = 0; // the digits after those
  let n = 0; // digits read
  let f = -1; // digits after the point, -1 before it
  for (; i < limit; i++) {
    const c = (buf[i] as number) - 48;
    if (c >= 0 && c <= 9) {
      if (n < 15) m = m * 10 + c;
      else low = low * 10 + c;
      n++;
      if (f >= 0) f++;
    } else if (c === -2 /* . */ && f < 0) {
      f = 0;
    } else {
      break;
    }
  }
  if (buf[i] === 44 && i < limit && n > 0 && f !== 0) {
    let v: number;
    if (n <= 15) v = f > 0 ? m / (POW10[f] as number) : m;
    else v = n <= 19 && f <= 22 ? longDecimal(m, low, n - 15, f > 0 ? f : 0) : Number.NaN;
    // Otherwise Number() rounds them itself (ASCII digits, a sign, a point).
    if (Number.isNaN(v)) out.value = Number(latin1(buf, start, i));
    else out.value = neg ? -v : v;
    out.end = i;
    return true;
  }
  let end = i;
  while (end < limit && buf[end] !== 44) end++;
  if (end === limit || end === start) return false;
  for (let k = start; k < end; k++) if ((buf[k] as number) >= 128) return false;
  const v = Number(latin1(buf, start, end));
  if (!Number.isFinite(v)) return false;
  out.value = v;
  out.end = end;
  return true;
}

/**
 * (m·10^r + low) / 10^f rounded to the nearest double, for the 16–19 significant digits
 * a double's shortest form often has (JavaScript and Go print up to 17): computed in
 * double-double arithmetic (Dekker 1971, "A floating-point technique for extending the
 * available precision": exact products by Veltkamp splitting, exact sums by TwoSum) to
 * about 2^-100 relative error, then rounded once. That rounding is the correctly rounded
 * result unless the exact value lies within the error of a midpoint between two
 * doubles; then, and for zero or subnormal results, NaN tells the caller to ask Number().
 */
const SPLIT = 134217729; // 2^27 + 1
const EPS = 2 ** -100;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function twoProductError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

export function longDecimal(m: number, low: number, r: number, f: number): number {
  // M = m·10^r + low as hi + lo.
  const scale = POW10[r] as number;
  const p1 = m * scale;
  const e1 = twoProductError(m, scale, p1);
  const s = p1 + low;
  const bb = s - p1;
  const e2 = p1 - (s - bb) + (low - bb);
  const lo = e1 + e2;
  // M / D as q1 + q2, with the remainder of q1 computed exactly.
  const d = POW10[f] as number;
  const q1 = s / d;
  const p = q1 * d;
  const pe = twoProductError(q1, d, p);
  const q2 = (s - p - pe + lo) / d;
  // y = RN(q1 + q2), t its rounding error (TwoSum).
  const y = q1 + q2;
  const yb = y - q1;
  const t = q1 - (y - yb) + (q2 - yb);
  f64[0] = y;
  const exp = ((u32[1] as number) >>> 20) & 0x7ff;
  if (exp === 0 || exp === 0x7ff) return Number.NaN;
  const halfUlp = 2 ** (exp - 1076);
  return Math.abs(Math.abs(t) - halfUlp) > EPS * y ? y : Number.NaN;
}

/**
 * Buffer's own latin1Slice (undocumented in the typings, present in every Node since 0.x):
 * toString('latin1', …) normalises its arguments first, which costs more than the copy.
 */
export function latin1(buf: Buffer, start: number, end: number): string {
  return (buf as unknown as { latin1Slice(s: number, e: number): string }).latin1Slice(start, end);
}

/** As `latin1`, for UTF-8. */
export function utf8(buf: Buffer, start: number, end: number): string {
  return (buf as unknown as { utf8Slice(s: number, e: number): string }).utf8Slice(start, end);
}
