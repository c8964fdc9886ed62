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

/**
 * `parseRfc3339` straight from the bytes of a line, for the byte-level reader
 * (src/results/read-point-bytes.ts): `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)` spanning
 * exactly buf[start, end). Returns NaN for anything else (the caller then takes the
 * string path, so the answer never depends on the path). Same arithmetic as
 * `parseRfc3339`: Date.parse of the calendar day (once per day), plus the time of
 * day and the offset in whole ms (exact integers), plus the same fraction expression.
 */
let dayKey = -1;
let dayBase = Number.NaN;

/**
 * The last whole second read (its 19 bytes as four words and three bytes, its zone) and
 * its epoch ms: consecutive samples mostly share it, and comparing the bytes costs less
 * than reading the digits.
 */
let lastW0 = 0;
let lastW1 = 0;
let lastW2 = 0;
let lastW3 = 0;
let lastTail = -1;
let lastZone = -1;
let lastWhole = Number.NaN;

/** As parseRfc3339Bytes, first trying the last whole second seen (dv views the same bytes as buf). */
export function rfc3339FromBytes(buf: Uint8Array, dv: DataView, start: number, end: number): number {
  if (end - start >= 20 && end - start <= 40) {
    const tail = (buf[start + 16] as number) | ((buf[start + 17] as number) << 8) | ((buf[start + 18] as number) << 16);
    if (
      tail === lastTail &&
      dv.getInt32(start, true) === lastW0 &&
      dv.getInt32(start + 4, true) === lastW1 &&
      dv.getInt32(start + 8, true) === lastW2 &&
      dv.getInt32(start + 12, true) === lastW3
    ) {
      const i = readFraction(buf, start + 19, end);
      if ((fracDigits > 0 || i === start + 19) && zoneCode(buf, i, end) === lastZone) {
        return fracDigits === 0 ? lastWhole : lastWhole + (fracValue * 1000) / (POW10[fracDigits] as number);
      }
    }
  }
  const t = parseRfc3339Bytes(buf, start, end);
  if (!Number.isNaN(t)) {
    // Remember this second: the next samples are likely in it.
    lastW0 = dv.getInt32(start, true);
    lastW1 = dv.getInt32(start + 4, true);
    lastW2 = dv.getInt32(start + 8, true);
    lastW3 = dv.getInt32(start + 12, true);
    lastTail = (buf[start + 16] as number) | ((buf[start + 17] as number) << 8) | ((buf[start + 18] as number) << 16);
    lastZone = zoneCode(buf, zoneStart, end);
    lastWhole = wholeMs;
  }
  return t;
}

/**
 * Reads an optional `.ddd…` at `i`: returns the index after it and leaves its first nine
 * digits in `fracValue` / `fracDigits` (module state, so the hot path allocates nothing).
 */
let fracValue = 0;
let fracDigits = 0;
function readFraction(buf: Uint8Array, i: number, end: number): number {
  fracValue = 0;
  fracDigits = 0;
  if (buf[i] !== 46 /* . */) return i;
  for (i++; i < end; i++) {
    const c = (buf[i] as number) - 48;
    if (c < 0 || c > 9) break;
    if (fracDigits < 9) {
      fracValue = fracValue * 10 + c;
      fracDigits++;
    }
  }
  return i;
}

/** `Z` or `±hh:mm` ending exactly at `end`, as a number (-2 for anything else). */
function zoneCode(buf: Uint8Array, i: number, end: number): number {
  if (i + 1 === end && buf[i] === 90) return 90;
  if (i + 6 !== end) return -2;
  let c = 0;
  for (let k = i; k < end; k++) c = c * 256 + (buf[k] as number);
  return c;
}

/** Where parseRfc3339Bytes found the zone, and the whole-second ms it computed (for the cache above). */
let zoneStart = 0;
let wholeMs = Number.NaN;

export function parseRfc3339Bytes(buf: Uint8Array, start: number, end: number): number {
  if (end - start < 20) return Number.NaN;
  const y = digits4(buf, start);
  const mo = digits2(buf, start + 5);
  const d = digits2(buf, start + 8);
  const h = digits2(buf, start + 11);
  const mi = digits2(buf, start + 14);
  const s = digits2(buf, start + 17);
  if ((y | mo | d | h | mi | s) < 0) return Number.NaN;
  if (
    buf[start + 4] !== 45 ||
    buf[start + 7] !== 45 ||
    buf[start + 10] !== 84 ||
    buf[start + 13] !== 58 ||
    buf[start + 16] !== 58
  )
    return Number.NaN;
  if (h > 23 || mi > 59 || s > 59) return Number.NaN;
  const i = readFraction(buf, start + 19, end);
  if (i !== start + 19 && fracDigits === 0) return Number.NaN; // a '.' with no digits
  const frac = fracValue;
  const digits = fracDigits;
  let offsetMin = 0;
  zoneStart = i;
  if (buf[i] === 90 /* Z */ && i + 1 === end) {
    // UTC
  } else if ((buf[i] === 43 || buf[i] === 45) && i + 6 === end && buf[i + 3] === 58) {
    const oh = digits2(buf, i + 1);
    const om = digits2(buf, i + 4);
    if ((oh | om) < 0 || oh > 23 || om > 59) return Number.NaN;
    offsetMin = (buf[i] === 43 ? 1 : -1) * (oh * 60 + om);
  } else {
    return Number.NaN;
  }
  const key = (y * 100 + mo) * 100 + d;
  if (key !== dayKey) {
    const base = Date.parse(
      `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00Z`,
    );
    if (Number.isNaN(base)) return Number.NaN;
    dayKey = key;
    dayBase = base;
  }
  const whole = dayBase + ((h * 60 + mi) * 60 + s) * 1000 - offsetMin * 60_000;
  wholeMs = whole;
  return digits === 0 ? whole : whole + (frac * 1000) / (POW10[digits] as number);
}

function digits2(buf: Uint8Array, i: number): number {
  const a = (buf[i] as number) - 48;
  const b = (buf[i + 1] as number) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function digits4(buf: Uint8Array, i: number): number {
  const a = digits2(buf, i);
  const b = digits2(buf, i + 2);
  return a >= 0 && b >= 0 ? a * 100 + b : -1;
}
