import { UsageError } from './usage-error.js';

/**
 * Durations, read and written in one place, in the syntax k6 and Go use
 * (Go's time.ParseDuration, which k6 uses for `duration`, `gracefulStop`, stages):
 * one or more number-unit pairs, `250ms`, `90s`, `5m`, `1m30s`, `1h2m3.5s`.
 * Units: ms, s, m, h (k6's `ns`, `us`, `µs` are below anything a rehearsal measures).
 */
export const DURATION_UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS_MS;

const PAIR = /(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)/y;

/**
 * Milliseconds of a duration like `1m30s`, or undefined when the text is not one. A bare
 * number is milliseconds when `bare` says so (the CLI's flags), else not a duration.
 */
export function parseDuration(text: string, opts: { bare?: 'ms' } = {}): number | undefined {
  const s = text.trim();
  if (opts.bare === 'ms' && /^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (s === '') return undefined;
  let ms = 0;
  PAIR.lastIndex = 0;
  while (PAIR.lastIndex < s.length) {
    const at = PAIR.lastIndex;
    const m = PAIR.exec(s);
    if (!m || m.index !== at) return undefined;
    ms += Number(m[1]) * DURATION_UNITS_MS[m[2] as DurationUnit];
  }
  return ms;
}

/**
 * The longest duration a user may give: a week. Longer cannot be meant for one rehearsal,
 * and Node's timers hold at most 2^31 − 1 ms (24.8 days): a longer wait fires at once.
 * (Digits alone can spell 1e309, which is Infinity.)
 */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000;

/** A duration given by the user (a flag, an objective): "90s", "1m30s", "250ms" or a bare number of ms, at most a week; `what` names it in the error. */
export function durationFlag(text: string, what: string): number {
  const ms = parseDuration(text, { bare: 'ms' });
  if (ms === undefined) throw new UsageError(`${what}: expected a duration like 90s, 1m30s or 250ms, got "${text}"`);
  if (!(ms <= MAX_DURATION_MS)) {
    const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
    throw new UsageError(`${what}: expected a duration of at most 168h (a week), got "${shown}"`);
  }
  return ms;
}

/** ms as a Go duration string with microsecond precision: 833.333 → "833.333ms" (k6 reads it with time.ParseDuration). */
export function goDuration(ms: number): string {
  const us = Math.round(ms * 1000);
  return us % 1000 === 0 ? `${us / 1000}ms` : `${(us / 1000).toFixed(3)}ms`;
}
