import type { Unit } from './types.js';

/** Three significant digits, no exponent, trailing zeros dropped: 912, 12.3, 0.0457. */
export function sig3(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(a)));
  return v
    .toFixed(digits)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** A value in its unit, for people: `912 ms`, `12.3 s`, `15.2 min`, `1.23 %`, `45.6/s`, `0.912`. */
export function formatValue(v: number | null, unit: Unit): string {
  if (v === null || !Number.isFinite(v)) return '–';
  switch (unit) {
    case 'ms': {
      const a = Math.abs(v);
      if (a >= 60_000) return `${sig3(v / 60_000)} min`;
      if (a >= 1000) return `${sig3(v / 1000)} s`;
      return `${sig3(v)} ms`;
    }
    case 'share':
      return `${sig3(v * 100)} %`;
    case 'per-second':
      return `${sig3(v)}/s`;
    case 'number':
      return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : sig3(v);
  }
}

/** A signed difference in the metric's unit; shares in percentage points: `+3.2 pp`, `−41 ms`. */
export function formatDelta(v: number | null, unit: Unit): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const body = unit === 'share' ? `${sig3(Math.abs(v) * 100)} pp` : formatValue(Math.abs(v), unit);
  return `${sign}${body}`;
}

/** A relative change: `+14.2 %`, `−3.1 %`. */
export function formatChange(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  return `${sign}${sig3(Math.abs(v) * 100)} %`;
}

/** An interval of changes: `+9.1 % … +19 %`. */
export function formatInterval(ci: [number, number] | null, f: (v: number) => string): string {
  return ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? `${f(ci[0])} … ${f(ci[1])}` : '–';
}
