import { availableParallelism } from 'node:os';
import { UsageError } from '../util/usage-error.js';

/**
 * Numeric flags checked against what can be meant, with the largest sensible value in
 * the message. yargs gives NaN for "abc" and lets -1, 2.5, 1e308 and Infinity through;
 * each of those used to run (`--workers 100000` reached 10.5 GB, `--quota -1` reported
 * an over-sold quota with exit 0). Every bound here says why it is where it is.
 */

/** Seeds are mixed as 32-bit integers (src/population/stream.ts): a larger seed would alias a smaller one. */
export const MAX_SEED = 0xffff_ffff;

/** Node worker threads: more than two per core only adds memory (each is a V8 isolate) and contention. */
export function maxWorkers(): number {
  return Math.max(2, 2 * availableParallelism());
}

function shown(v: number): string {
  return Number.isNaN(v) ? 'something that is not a number' : String(v);
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** A whole number in [min, max]; `why` explains the upper bound. */
export function wholeNumber(
  value: number,
  flag: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  why?: string,
): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `≥ ${fmt(min)}` : `from ${fmt(min)} to ${fmt(max)}${why ? ` (${why})` : ''}`;
    throw new UsageError(`${flag}: expected a whole number ${range}, got ${shown(value)}`);
  }
  return value;
}

/** A finite number in (min, max] (or [min, max] when `inclusive`); `why` explains the bounds. */
export function numberIn(
  value: number,
  flag: string,
  o: { min: number; max: number; inclusive?: boolean; why?: string; what?: string },
): number {
  const lowOk = o.inclusive ? value >= o.min : value > o.min;
  if (!(Number.isFinite(value) && lowOk && value <= o.max)) {
    throw new UsageError(
      `${flag}: expected ${o.what ?? 'a number'} ${o.inclusive ? '≥' : '>'} ${fmt(o.min)} and ≤ ${fmt(o.max)}${o.why ? ` (${o.why})` : ''}, got ${shown(value)}`,
    );
  }
  return value;
}

/** A seed: a whole number from 0 to 2^32 − 1. */
export function seedFlag(value: number, flag = '--seed'): number {
  return wholeNumber(value, flag, 0, MAX_SEED, 'seeds are 32-bit');
}
