/**
 * The result of `rehearse check` (objectives on one run) and `rehearse compare`
 * (two runs or two sets of runs side by side): one `Comparison` value that every
 * output (console, Markdown, JUnit, JSON, the HTML report) renders. Versioned like
 * summary.json: removing or renaming a field bumps COMPARISON_VERSION.
 */
export const COMPARISON_VERSION = 1;

/** What happened to one metric between base and candidate. */
export type Verdict = 'regressed' | 'improved' | 'no significant change' | 'not enough data';

/** Which way is good: latency and error rates are better lower, fairness and goodput higher. */
export type Better = 'lower' | 'higher';

/** How a value is shown: ms durations, shares (0..1) as %, plain numbers, rates per second. */
export type Unit = 'ms' | 'share' | 'number' | 'per-second';

/**
 * How the confidence interval and verdict were obtained:
 * - `mann-whitney`: sets of runs, one value per run (as benchstat does); CI by a
 *   seeded two-sample bootstrap of the ratio of medians.
 * - `block-bootstrap`: single runs, circular block bootstrap over time windows.
 * - `none`: nothing to test (one value per run and one run per side, or missing data).
 */
export type Method = 'mann-whitney' | 'block-bootstrap' | 'none';

/** One run as the comparison saw it. */
export interface RunRef {
  dir: string;
  scenario?: string;
  seed?: number;
  engine?: string;
  startedAt?: string;
}

export interface MetricComparison {
  /** Canonical reference, as written in budgets: `http_req_duration{op:submitApplication}: p(95)`, `quota.fillTime`. */
  key: string;
  /** Short human label for tables. */
  label: string;
  unit: Unit;
  better: Better;
  /** Point estimates over each side (median of per-run values for sets). Null when the side has no data. */
  base: number | null;
  candidate: number | null;
  /** candidate − base, in the metric's unit. */
  delta: number | null;
  /** candidate ÷ base − 1; null when base is 0 or missing. */
  change: number | null;
  /** Confidence interval of `change` (relative), at `Comparison.confidence`. */
  changeCi: [number, number] | null;
  /** Confidence interval of `delta` (absolute). */
  deltaCi: [number, number] | null;
  /** Two-sided p-value (Mann-Whitney) or, for the bootstrap, the smallest two-sided level at which the CI excludes 0. */
  pValue: number | null;
  method: Method;
  /** Per side: runs (mann-whitney) or time windows (block-bootstrap) that carried data. */
  n: { base: number; candidate: number };
  verdict: Verdict;
  /** Why a verdict is `not enough data`, or other caveats, one line. */
  note?: string;
}

export type ObjectiveStatus = 'pass' | 'fail' | 'no data' | 'skipped';

/** One objective (a line of a budget or of the scenario's `objectives`) and how it fared. */
export interface ObjectiveResult {
  /** The objective as written. */
  text: string;
  /** Where it came from: `budget.json: objectives[2]`, `scenario launch-day: objectives[0]`, `default`. */
  source: string;
  kind: 'absolute' | 'relative';
  /** The metric key it reads (matches `MetricComparison.key`). */
  key: string;
  /** Absolute: the candidate's value. Relative: the change (relative, or delta for absolute limits). */
  observed: number | null;
  status: ObjectiveStatus;
  /** One line for people: `p(95)=912 ms, limit < 800 ms` or `+14.2 % (95 % CI +9.1 % … +19.0 %), limit 10 %, significant`. */
  message: string;
}

export interface Comparison {
  version: typeof COMPARISON_VERSION;
  kind: 'check' | 'compare';
  /** Base runs (empty for `check`). */
  base: RunRef[];
  candidate: RunRef[];
  /** Significance level of the tests (default 0.05) and confidence of the intervals (default 0.95). */
  alpha: number;
  confidence: number;
  /** Seed of every random draw (bootstrap resamples), so the same inputs give the same output. */
  seed: number;
  /** Metric by metric (empty for `check`). */
  metrics: MetricComparison[];
  objectives: ObjectiveResult[];
  /** True when no objective has status `fail`. Exit code 0 when true, 1 when false. */
  passed: boolean;
  /** Problems worth telling (a run interrupted, generator overloaded, too few windows). */
  warnings: string[];
}
