import { UsageError } from '../util/usage-error.js';

/** Settings shared by check and compare, with the defaults the README documents. */
export interface GateOptions {
  /** Significance level (default 0.05). */
  alpha?: number;
  /** Confidence of the intervals (default 0.95). */
  confidence?: number;
  /** Bootstrap resamples (default 1,000). */
  resamples?: number;
  /** Seed of every resample (default 1). */
  seed?: number;
}

export const DEFAULTS = { alpha: 0.05, confidence: 0.95, resamples: 1000, seed: 1 } as const;

export function withDefaults(o: GateOptions, budget?: { alpha?: number; confidence?: number }): Required<GateOptions> {
  const bad = (flag: string, expected: string, v: number | undefined) => {
    if (v !== undefined) throw new UsageError(`${flag}: expected ${expected}, got ${v}`);
  };
  if (o.alpha !== undefined && !(o.alpha > 0 && o.alpha < 0.5))
    bad('--alpha', 'a significance level between 0 and 0.5, e.g. 0.05', o.alpha);
  if (o.confidence !== undefined && !(o.confidence > 0.5 && o.confidence < 1))
    bad('--confidence', 'a confidence between 0.5 and 1, e.g. 0.95', o.confidence);
  if (o.resamples !== undefined && !(Number.isInteger(o.resamples) && o.resamples >= 100 && o.resamples <= 100_000))
    bad('--resamples', 'an integer from 100 to 100000', o.resamples);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) bad('--seed', 'an integer', o.seed);
  return {
    alpha: o.alpha ?? budget?.alpha ?? DEFAULTS.alpha,
    confidence: o.confidence ?? budget?.confidence ?? DEFAULTS.confidence,
    resamples: o.resamples ?? DEFAULTS.resamples,
    seed: o.seed ?? DEFAULTS.seed,
  };
}
