/**
 * Fast, exact parsing of the timestamps k6 writes, to epoch milliseconds with the
 * sub-millisecond part kept.
 *
 * k6 `--out json` writes Go's RFC 3339 with nanoseconds and the machine's offset
 * (`2024-01-18T10:00:00.123456789+01:00`); our engines write microseconds and `Z`.
 * A run has few distinct whole seconds per burst of samples, so the calendar part is
 * parsed once per second (Date.parse) and only the fraction is parsed per sample.
 * The result equals `parseTime` in k6-format.ts (a test proves it on both shapes).
 */
let cacheKey = '';
let cacheBase = Number.NaN;

const POW10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** Epoch ms of an RFC 3339 time, NaN when it is not one. */
export function parseRfc3339(t: string): number {
  // YYYY-MM-DDTHH:MM:SS is 19 characters, then an optional .fraction, then Z or ±hh:mm.
  if (t.length < 20 || t.charCodeAt(10) !== 84 /* T */) return Number.NaN;
  let i = 19;
  let frac = 0;
  let digits = 0;
  if (t.charCodeAt(19) === 46 /* . */) {
    i = 20;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      // Beyond nanoseconds nothing k6 writes matters; keep 9 digits.
      if (digits < 9) {
        frac = frac * 10 + c;
        digits++;
      }
    }
    if (digits === 0) return Number.NaN;
  }
  const zone = t.slice(i);
  if (zone !== 'Z' && !/^[+-]\d\d:\d\d$/.test(zone)) return Number.NaN;
  const key = t.slice(0, 19) + zone;
  if (key !== cacheKey) {
    const base = Date.parse(key);
    if (Number.isNaN(base)) return Number.NaN;
    cacheKey = key;
    cacheBase = base;
  }
  // frac / 10^digits seconds = frac * 1000 / 10^digits ms.
  return digits === 0 ? cacheBase : cacheBase + (frac * 1000) / (POW10[digits] as number);
}

/**
 * k6 CSV timestamps: `unix` (seconds, the default), `unix_milli`, `unix_micro`,
 * `unix_nano` (told apart by magnitude: a run after 1973 in seconds is < 1e11), or RFC 3339.
 */
export function parseCsvTime(t: string): number {
  if (t.length === 0) return Number.NaN;
  if (t.includes('T')) return parseRfc3339(t);
  const n = Number(t);
  if (!Number.isFinite(n)) return Number.NaN;
  if (n < 1e11) return n * 1000;
  if (n < 1e14) return n;
  if (n < 1e17) return n / 1000;
  return n / 1e6;
}
