import { UsageErrorLike } from './usage-error.js';

/** "90s", "5m", "1h", "250ms" or a number of ms, for flags and objectives; `what` names the flag in the error. */
export function parseDuration(text: string, what: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) throw new UsageErrorLike(`${what}: expected a duration like 90s, 5m or 250ms, got "${text}"`);
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms'];
}
