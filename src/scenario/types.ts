import type { JourneyStep, RetryStyle } from '../journey/types.js';

/**
 * Scenario types in two forms, as vega-lite does for specs: an authoring form that
 * people write (`scenarios/*.ts`, or JSON), and a normalized form that every
 * consumer (population, engines, k6 options compiler, simulator) accepts.
 */

/** A point of the arrival curve: relative intensity at a time (piecewise linear between points). */
export interface CurvePoint {
  /** Minutes after the start of the arrival window. */
  atMin: number;
  /** Relative arrival intensity (any unit; normalized so the curve integrates to the population). */
  rate: number;
}

export interface PersonaSpec {
  name: string;
  /** Share of the population with this persona (shares are normalized). */
  share: number;
  /** Patience in minutes: uniform between the two bounds. */
  patienceMin: [number, number];
  retry: RetryStyle;
  retryBaseSec: number;
  retryCapSec?: number;
  thinkSec: number;
}

/** The reference portal's configuration that this scenario is rehearsed against by default. */
export interface PortalSpec {
  strategy: 'open' | 'throttle' | 'waiting-room' | 'eoi';
  /** Applications accepted before the intake closes (scaled by `scale`). */
  quota?: number;
  /** Cap on requests in service at once (throttle). */
  maxActive?: number;
  workers: number;
  /** Mean service time per request in ms (real time: not scaled). */
  serviceMs: number;
  /** Per-operation mean service time, ms, keyed by the portal's route names. */
  serviceMsByOp?: Record<string, number>;
  /** Shape of service times around the mean (reference portal: src/portal/service-time.ts). */
  serviceDist?: 'constant' | 'uniform' | 'exponential' | 'lognormal';
  /** Retry-After sent with 503, seconds. */
  retryAfterSec?: number;
  /** `open`: requests that waited longer than this for a worker get 504. */
  queueTimeoutMs?: number;
  /** `waiting-room`: visitors admitted per second. */
  admitPerSec?: number;
  /** `waiting-room`: shuffle those who queued before the opening. */
  shufflePreQueue?: boolean;
  /** Lifetime of an e-mailed one-time code, ms. */
  codeTtlMs?: number;
  /** `waiting-room`: lifetime of an admission pass, ms. */
  passTtlMs?: number;
  /**
   * The knobs this portal was fitted to its incident at (usually the scenario's
   * defaults). At other knobs its capacity and its waits are scaled to the same real-day
   * portal (src/scenario/portal-scale.ts); absent, the settings are used as written.
   */
  fittedAt?: Knobs;
}

/**
 * A figure and the public document it comes from, cited as a reader can find it:
 * publisher, title, date (and the address when there is one).
 */
export interface SourceFact {
  /** Who published it: `Agence QMI`, `Le Soleil`. */
  publisher: string;
  /** The document's title as published. */
  title: string;
  /** Publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date: string;
  /** Where to read it, when known. */
  url?: string;
  /** The figure or fact taken from it. */
  figure: string;
}

/**
 * What a replay measures to check one sourced fact (src/report/fidelity.ts), in the
 * real day's terms (times multiplied back by the time scale, counts divided by the scale):
 * - `first-error`: minutes after the window's start of the first second with an error or timeout;
 * - `country-share`: share of the candidates from the countries in `of`; `country-count`: their number, at full scale;
 * - `outcome-share`: share of the candidates whose journey ended in one of `of`;
 * - `outcome-count`: candidates whose journey ended in one of `of`, at full scale;
 * - `class-share`: share of the requests answered with one of the classes in `of`;
 * - `time-to-outcome-p50`, `time-to-outcome-max`: minutes from arrival to the outcome `of[0]`;
 * - `accepted`: applications accepted, at full scale;
 * - `oversold`: 1 when more were accepted than the quota, else 0;
 * - `p95-ms`: the 95th percentile latency of the operations in `of` (all when empty), ms;
 * - `eoi-invited`: candidates invited; `eoi-top-ranked`: 1 when they are exactly the top-ranked eligible.
 * - `not-replayed`: a sourced fact the scenario cannot represent; `why` says why. It is
 *   listed in the table as not replayed, so a reader sees what the replay leaves out.
 */
export type FidelityMeasure =
  | 'first-error'
  | 'country-share'
  | 'country-count'
  | 'outcome-share'
  | 'outcome-count'
  | 'class-share'
  | 'time-to-outcome-p50'
  | 'time-to-outcome-max'
  | 'accepted'
  | 'oversold'
  | 'p95-ms'
  | 'eoi-invited'
  | 'eoi-top-ranked'
  | 'not-replayed';

/** A sourced fact and the range a faithful replay lands in (`rehearse scenarios show`, reports). */
export interface FidelitySpec {
  /** The fact in a few words, with its figure: `errors from about 23:00`. */
  fact: string;
  /** Index into `sources` of the citation. */
  source: number;
  measure: FidelityMeasure;
  /** Countries, outcomes, classes or operations the measure is about. */
  of?: string[];
  /** Lowest faithful value, in the measure's unit. */
  min?: number;
  /** Highest faithful value, in the measure's unit. */
  max?: number;
  /** With `not-replayed`: why the scenario cannot represent the fact (shown in the table, never left out). */
  why?: string;
}

/** How one default setting was fitted to a sourced fact: calibration as data, not a magic number. */
export interface CalibrationSpec {
  /** The setting, as a path in this file: `portal.workers`. */
  setting: string;
  /** The fact it was fitted to. */
  fact: string;
  /** How: the formula or the experiment. */
  how: string;
}

/** Who the candidates are, beyond the country mix (see src/population/attributes.ts). */
export interface ProfileSpec {
  /** Share of candidates with an e-mail on file (default 0.9). */
  emailOnFile?: number;
  /** The date on which presence in Québec is recorded, `YYYY-MM-DD` (default 2019-06-16, the Arrima rule). */
  presenceDate?: string;
  /** Share of candidates present in Québec on that date (default 0.05). */
  presentInQuebec?: number;
  /** Earliest expression-of-interest date, `YYYY-MM-DD` (default: one year before `startsAt`). */
  eoiFrom?: string;
}

/** A named stretch of the timeline, for `scenarios show` and reports. */
export interface PhaseSpec {
  name: string;
  /** Minutes after the start of the arrival window. */
  atMin: number;
  description: string;
}

/** An operator's action at a time (an invitation round in the EOI design). */
export interface OperatorActionSpec {
  /** Minutes after the start of the arrival window. */
  atMin: number;
  op: 'inviteRound';
  /** Candidates invited in the round. */
  size: number;
  criteria?: {
    /** Interests submitted strictly before this instant (ISO 8601). */
    submittedBefore?: string;
    minScore?: number;
    /** Candidate attributes that must equal these values. */
    attributes?: Record<string, string | number | boolean>;
  };
}

export interface ScenarioInput {
  name: string;
  title: string;
  description: string;
  /** Full-size population (before `scale`). */
  population: number;
  /** Minutes from the first to the last arrival, at real time. */
  windowMin: number;
  /** When the intake opens, minutes after the start of the arrival window (arrivals before it wait). */
  openingMin?: number;
  curve: CurvePoint[];
  countries: Record<string, number>;
  personas: PersonaSpec[];
  journey: { steps: JourneyStep[]; success: 'accepted' | 'completed'; retryOnError?: boolean };
  portal: PortalSpec;
  /** k6-style thresholds, e.g. `http_req_duration{op:submitApplication}: p(95)<800`. */
  objectives?: string[];
  sources: SourceFact[];
  /** Real-world instant of the start of the arrival window (ISO 8601); anchors dates. */
  startsAt?: string;
  /**
   * `exact` (default): exactly `population` candidates at the curve's quantiles, the one arrival
   * clock every engine shares (arrival-clock.ts); `poisson`: random times and a Poisson count with
   * that mean, by thinning (node and sim engines only; k6 refuses it).
   */
  arrivals?: 'exact' | 'poisson';
  profile?: ProfileSpec;
  phases?: PhaseSpec[];
  operator?: OperatorActionSpec[];
  /** Defaults for the two knobs. */
  defaults?: { scale?: number; timeScale?: number };
  /** Sourced facts a faithful replay reproduces, at the default knobs. */
  fidelity?: FidelitySpec[];
  /** How the default portal (and other settings) were fitted to the sources. */
  calibration?: CalibrationSpec[];
}

export interface Knobs {
  /** Fraction of the population (and of the quota) sent. */
  scale: number;
  /** How much faster than real time the day is replayed. */
  timeScale: number;
}

/** Normalized scenario: scaled, time-compressed, validated. All times in ms of run time. */
export interface Scenario {
  name: string;
  title: string;
  description: string;
  knobs: Knobs;
  population: number;
  /** Run-time length of the arrival window. */
  windowMs: number;
  openingMs: number;
  /** Curve in run-time ms, rates relative. */
  curve: Array<{ atMs: number; rate: number }>;
  countries: Array<{ code: string; share: number }>;
  personas: PersonaSpec[];
  journey: { steps: JourneyStep[]; success: 'accepted' | 'completed'; retryOnError: boolean; timeScale: number };
  /** The portal at these knobs (scaled from `fittedAt` when the scenario gives it). */
  portal: Omit<PortalSpec, 'fittedAt'>;
  /** Where the scenario's portal was fitted, when it was: `portal` is its equivalent at `knobs`. */
  portalFittedAt?: Knobs;
  objectives: string[];
  sources: SourceFact[];
  /** Real-world instant of the start of the arrival window (ISO 8601). */
  startsAt: string;
  arrivals: 'exact' | 'poisson';
  profile: Required<ProfileSpec>;
  /** Phases with times in run-time ms. */
  phases: Array<{ name: string; atMs: number; description: string }>;
  /** Operator actions with times in run-time ms. */
  operator: Array<Omit<OperatorActionSpec, 'atMin'> & { atMs: number }>;
  fidelity: FidelitySpec[];
  calibration: CalibrationSpec[];
}
