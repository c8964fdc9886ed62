import { UsageErrorLike } from './usage-error.js';

/**
 * The longest duration a flag takes: a week. Longer cannot be meant for one rehearsal,
 * and Node's timers hold at most 2^31 − 1 ms (24.8 days): a longer wait fires at once.
 * (Digits alone can spell 1e309, which is Infinity.)
 */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000;

/** "90s", "5m", "1h", "250ms" or a number of ms, for flags and objectives; `what` names the flag in the error. */
export function parseDuration(text: string, what: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) throw new UsageErrorLike(`${what}: expected a duration like 90s, 5m or 250ms, got "${text}"`);
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  const ms = n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms'];
  if (!(ms <= MAX_DURATION_MS)) throw new UsageErrorLike(`${what}: expected a duration of at most 168h (a week), got "${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`);
  return ms;
}
