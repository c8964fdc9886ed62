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
  let m = 0;
  let n = 0; // digits read
  let f = -1; // digits after the point, -1 before it
  for (; i < limit; i++) {
    const c = (buf[i] as number) - 48;
    if (c >= 0 && c <= 9) {
      m = m * 10 + c;
      n++;
      if (f >= 0) f++;
    } else if (c === -2 /* . */ && f < 0) {
      f = 0;
    } else {
      break;
    }
  }
  if (buf[i] === 44 && i < limit && n > 0 && f !== 0) {
    if (n <= 15) {
      const v = f > 0 ? m / (POW10[f] as number) : m;
      out.value = neg ? -v : v;
    } else {
      // More digits than a double holds exactly: Number() rounds them (ASCII digits, a sign, a point).
      out.value = Number(latin1(buf, start, i));
    }
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
