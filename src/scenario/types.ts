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
}

export interface SourceFact {
  file: string;
  figure: string;
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
  /** `exact` (default): exactly `population` candidates; `poisson`: a Poisson count with that mean. */
  arrivals?: 'exact' | 'poisson';
  profile?: ProfileSpec;
  phases?: PhaseSpec[];
  operator?: OperatorActionSpec[];
  /** Defaults for the two knobs. */
  defaults?: { scale?: number; timeScale?: number };
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
  portal: PortalSpec & { quota?: number };
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
}
