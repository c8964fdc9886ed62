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
  return {
    alpha: o.alpha ?? budget?.alpha ?? DEFAULTS.alpha,
    confidence: o.confidence ?? budget?.confidence ?? DEFAULTS.confidence,
    resamples: o.resamples ?? DEFAULTS.resamples,
    seed: o.seed ?? DEFAULTS.seed,
  };
}
