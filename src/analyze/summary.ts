import type { Operation, Outcome, ResultClass } from '../journey/types.js';
import type { SourceFingerprint } from '../results/fingerprint.js';

/**
 * `summary.json`: a run reduced to the numbers that decide a launch. Versioned: a
 * change that removes or renames a field bumps SUMMARY_VERSION; adding a field does not.
 * Sections the input cannot support (plain k6 output has no journeys) are `null`,
 * never zero, so "absent" and "none happened" are told apart.
 */
export const SUMMARY_VERSION = 1;

export interface LatencyStats {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

export interface Summary {
  version: typeof SUMMARY_VERSION;
  /** Where the numbers came from. */
  source: {
    files: string[];
    lines: number;
    malformedLines: number;
    truncatedLastLine: boolean;
    engine?: string;
    scenario?: string;
    target?: string;
    seed?: number;
    /** Whether the toolkit's own metrics were present (false for plain k6 output). */
    toolkitMetrics: boolean;
    /** The scenario's scale (fraction of the real day's population and quota sent), from the manifest. */
    scale?: number;
    /** How many times faster than the real day the run replayed it, from the manifest. */
    timeScale?: number;
    /** Candidates generated for the run (the scaled population), from the manifest. */
    population?: number;
    /** Sample lines read (Metric declarations and blank lines excluded). */
    samples?: number;
    /** File format of each file, in `files` order. */
    formats?: Array<'json' | 'csv'>;
    /** The first malformed lines (at most 20), `file` relative to the working directory. */
    malformed?: Array<{ file: string; line: number }>;
    /** What this summary was computed from (src/results/fingerprint.ts), set by `rehearse analyze`. */
    fingerprint?: SourceFingerprint;
  };
  /** Epoch ms of time zero (the opening, from the manifest; else the first sample). */
  openingEpochMs: number;
  durationMs: number;

  throughput: {
    requests: number;
    /** Requests ÷ duration. */
    rps: number;
    /** Highest request count in any 1 s window (per second). */
    peakRps1s: number;
    /** Highest 10 s window, per second. */
    peakRps10s: number;
    /** Responses classified ok (or not failed, for plain k6) ÷ duration. */
    goodputRps: number;
    /** Accepted applications ÷ duration; null without journey data. */
    acceptedPerSec: number | null;
    /** Which metric the request counts come from: rehearsal_req(_agg) (toolkit) or http_reqs (k6). */
    source?: 'toolkit' | 'k6';
  };

  /** Counts by class over all requests, and per operation. Null classes absent for plain k6. */
  classes: {
    total: Partial<Record<ResultClass, number>>;
    rates: Partial<Record<ResultClass, number>>;
    byOp: Record<string, Partial<Record<ResultClass, number>>>;
    timeouts: number;
    /** Per-second counts by class, for charts: [secondSinceOpening, class, count]. */
    overTime: Array<[number, ResultClass, number]>;
  } | null;

  /** Plain k6 view: http_req_failed rate, and status counts. Always present when there are requests. */
  http: {
    failedRate: number;
    statuses: Record<string, number>;
    /** Sum of http_reqs values (k6's request count). */
    requests?: number;
    /** k6's http_req_duration (from the actual send, not the intended one), overall and per `name` tag. */
    duration?: LatencyStats | null;
    durationByName?: Record<string, LatencyStats>;
  };

  latency: {
    all: LatencyStats | null;
    byOp: Record<string, LatencyStats>;
    /** Whether latency is measured from the intended send time (coordinated omission corrected). */
    fromIntendedSend: boolean;
  };

  quota: {
    size: number | null;
    accepted: number;
    oversold: boolean;
    /**
     * ms from the opening to the last acceptance; from the first acceptance instead when
     * places were taken before the opening (see fillStartMs). Null when nothing was accepted.
     */
    fillTimeMs: number | null;
    /** Whether the quota was reached. */
    filled: boolean;
    /** [ms since opening, cumulative accepted], one point per acceptance (downsampled past 2,000). */
    curve: Array<[number, number]>;
    /** Accepted ÷ fill time in seconds: how fast places went; null when nothing was accepted. */
    fillRatePerSec?: number | null;
    /** ms since opening the fill time is counted from: 0, or the first acceptance when it came before the opening (negative). */
    fillStartMs?: number;
    /** Acceptances before the opening (time zero). */
    acceptedBeforeOpening?: number;
  } | null;

  journeys: {
    candidates: number;
    outcomes: Partial<Record<Outcome, number>>;
    shares: Partial<Record<Outcome, number>>;
    timeToOutcome: Partial<Record<Outcome, LatencyStats>>;
    /** Requests per candidate; `acceptedP50`: the median among accepted candidates (null when none). */
    attempts: {
      mean: number;
      p50: number;
      p90: number;
      max: number;
      histogram: Array<[number, number]>;
      acceptedP50?: number | null;
    };
    /** Requests sent by finished journeys (sum of their `attempts`) ÷ candidates: the load each visitor brings. */
    retryAmplification: number;
    /** Share of candidates who gave up. */
    abandonment: number;
  } | null;

  fairness: {
    /** Kendall's tau-b between arrival order and acceptance order, over accepted candidates. */
    kendallTau: number | null;
    /** Pairs of accepted candidates accepted in the opposite order of arrival. */
    inversions: number;
    /** Share of the first Q arrivals (Q = accepted count or quota) who were accepted. */
    firstQAcceptedShare: number | null;
    /** [arrival rank, acceptance rank] for accepted candidates (downsampled past 2,000). */
    ranks: Array<[number, number]>;
    /** The Q of firstQAcceptedShare. */
    firstQ?: number;
    /** Expression-of-interest draw check; null unless journeys recorded `invited` tags. */
    eoi?: EoiCheck | null;
  } | null;

  byCountry: Record<
    string,
    { candidates: number; outcomes: Partial<Record<Outcome, number>>; latencyP95: number | null }
  > | null;

  generator: {
    droppedIterations: number;
    lateness: LatencyStats | null;
    /** Human-readable warnings when generator health makes the run untrustworthy. */
    warnings: string[];
  };

  /**
   * Per-second series for charts, seconds since opening. `arrivals` and `inFlight`
   * need journey data (null for plain k6); `latency` is per operation.
   */
  timeline: {
    /**
     * Seconds each `perSecond` row covers, when more than 1 (a run longer than 100,000
     * seconds): its counts are then means per second over them, its journeys in flight
     * those at its end.
     */
    step?: number;
    /** [second, requests, ok responses, arrivals (journey starts) or null, journeys in flight or null] */
    perSecond: Array<[number, number, number, number | null, number | null]>;
    /** [second, op, p50, p95, p99] in ms (ops with at least one request that second). */
    latency: Array<[number, string, number, number, number]>;
  };

  /** Time-to-outcome CDF per outcome: [outcome, ms, cumulative share], ≤ 200 points each. */
  timeToOutcomeCdf: Array<[string, number, number]> | null;

  /** The portal's own counts, from the manifest, when present. */
  portal?: Record<string, unknown>;

  /**
   * Every metric in the recording but the toolkit's own (rehearsal_*), summarised as k6's
   * end-of-test summary does (src/analyze/k6-metrics.ts); null when there are none.
   */
  metrics?: Record<string, MetricSummary> | null;
  /** k6 checks per name (and group): passes, fails, the share that passed; null without checks. */
  checks?: Array<{ name: string; group: string; passes: number; fails: number; share: number }> | null;
  /** k6 groups (the `group` tag, "::a::b"): requests and checks in each; null without groups. */
  groups?: Array<{ path: string; name: string; requests: number; checks: { passes: number; fails: number } }> | null;
  /** `--by TAG`: requests, failed share and latency (http_req_duration) per value of TAG (tags or metadata). */
  by?: {
    tag: string;
    rows: Array<{ value: string; requests: number; failedRate: number; latency: LatencyStats }>;
    /** Counters whose samples carry TAG: metric → value → count (a Counter tagged `outcome`, by outcome). */
    counters?: Record<string, Record<string, number>>;
  };
  /** What the run warned about (e.g. no journey reached its goal: the mapping may be wrong), from the manifest. */
  warnings?: string[];
}

/** One metric as k6's summary gives it (k6 --summary-export), by its type. */
export type MetricSummary =
  | { type: 'counter'; count: number; rate: number }
  | { type: 'rate'; rate: number; passes: number; fails: number }
  | { type: 'gauge'; value: number; min: number; max: number }
  | {
      type: 'trend';
      count: number;
      avg: number;
      min: number;
      med: number;
      max: number;
      p90: number;
      p95: number /** Values are times in ms (declared `contains: time`). */;
      time?: boolean;
    };

/** Whether an EOI draw invited exactly the top-ranked eligible candidates (src/analyze/eoi.ts). */
export interface EoiCheck {
  invited: number;
  eligible: number;
  /** Invited candidates that were not eligible. */
  invitedIneligible: number;
  /** Eligible candidates whose journey finished after the round was sent: not in its draw, not counted above. */
  lateForRound?: number;
  /** Eligible, uninvited candidates who scored strictly above the lowest invited score. */
  skippedHigherScores: number;
  lowestInvitedScore: number | null;
  highestUninvitedScore: number | null;
  /** invitedIneligible = 0 and skippedHigherScores = 0. */
  topRanked: boolean;
}

export type { Operation };
