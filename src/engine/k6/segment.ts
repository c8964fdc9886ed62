import { UsageErrorLike } from '../../util/usage-error.js';

/**
 * k6 execution segments. k6 stripes iterations over a *sequence* of segments; every
 * instance of one run must pass the same sequence or their iterations overlap
 * (https://grafana.com/docs/k6/latest/using-k6/k6-options/reference/#execution-segment).
 * For the common k/n:(k+1)/n form the sequence is 0,1/n,…,1 — what every process of
 * an n-way split computes on its own.
 */
export interface K6Segment {
  text: string;
  from: number;
  to: number;
  sequence: string;
}

function fraction(s: string, text: string): [number, number] {
  const m = /^\s*(\d+)(?:\s*\/\s*(\d+))?\s*$/.exec(s);
  if (m) return [Number(m[1]), m[2] !== undefined ? Number(m[2]) : 1];
  const d = /^\s*(\d*\.\d+)\s*$/.exec(s);
  if (d) return [Number(d[1]), 1];
  throw new UsageErrorLike(`--segment: expected FROM:TO with fractions like 0:1/4, got "${text}"`);
}

export function k6Segment(text: string): K6Segment {
  const parts = text.split(':');
  if (parts.length !== 2) throw new UsageErrorLike(`--segment: expected FROM:TO like 0:1/4, got "${text}"`);
  const [fn, fd] = fraction(parts[0] as string, text);
  const [tn, td] = fraction(parts[1] as string, text);
  const from = fn / fd;
  const to = tn / td;
  if (!(from >= 0 && to <= 1 && from < to)) throw new UsageErrorLike(`--segment: expected 0 ≤ FROM < TO ≤ 1, got "${text}"`);
  // k/n : (k+1)/n → the n-way sequence.
  const n = Math.round(1 / (to - from));
  const k = Math.round(from * n);
  const even = Math.abs(to - from - 1 / n) < 1e-12 && Math.abs(from - k / n) < 1e-12;
  const sequence = even
    ? Array.from({ length: n + 1 }, (_, i) => (i === 0 ? '0' : i === n ? '1' : `${i}/${n}`)).join(',')
    : [...new Set(['0', parts[0] as string, parts[1] as string, '1'])].join(',');
  return { text, from, to, sequence };
}
