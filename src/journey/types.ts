/**
 * The journey contract shared by every engine (node, k6, sim).
 *
 * A journey is a pure state machine: `start(candidate, def, now)` and
 * `next(state, result, now)`. It never performs I/O and never reads a clock:
 * engines pass "now" in as a number of milliseconds since the run's opening.
 * Nothing in this folder may import Node built-ins: the k6 bundle includes it.
 */

/** Abstract operations a journey can ask for; a target maps them onto HTTP. */
export const OPERATIONS = [
  'browse',
  'checkEligibility',
  'createAccount',
  'requestCode',
  /** Read the (simulated) e-mail that carries a one-time code. */
  'readMailbox',
  'signIn',
  'enterQueue',
  'pollQueue',
  'submitApplication',
  'checkStatus',
  'submitInterest',
  'inviteRound',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** How a target classifies one response. */
export const RESULT_CLASSES = ['ok', 'throttled', 'queued', 'quota_full', 'invalid', 'error'] as const;
export type ResultClass = (typeof RESULT_CLASSES)[number];

/** How a journey ends. */
export const OUTCOMES = ['accepted', 'completed', 'quota_full', 'gave_up', 'invalid', 'error'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The classified result of the last request, as an engine hands it to `next`. */
export interface OpResult {
  op: Operation;
  class: ResultClass;
  /** HTTP status; 0 when no response arrived (connection error, timeout). */
  status: number;
  latencyMs: number;
  /** From a `Retry-After` header or a portal's own hint, in milliseconds. */
  retryAfterMs?: number;
  /** Values captured from the response by the target's capture rules. */
  captures?: Record<string, string>;
  /** For `error`: what went wrong (ECONNREFUSED, timeout, …). */
  cause?: string;
}

export type Action =
  | { type: 'request'; op: Operation }
  | { type: 'wait'; ms: number }
  | { type: 'finish'; outcome: Outcome };

/** How a candidate retries after being turned away. */
export const RETRY_STYLES = ['retry-after', 'fixed', 'backoff', 'hammer'] as const;
export type RetryStyle = (typeof RETRY_STYLES)[number];

export interface Persona {
  /** Name of the persona in the scenario's mix (e.g. "persistent"). */
  name: string;
  /** How long the candidate keeps trying, measured from their arrival. */
  patienceMs: number;
  retry: RetryStyle;
  /** Base interval for fixed/backoff/hammer retries and for retry-after without a header. */
  retryBaseMs: number;
  /** Cap for exponential backoff. */
  retryCapMs: number;
  /** Mean think time between successful steps. */
  thinkMs: number;
}

/** One step of a journey definition. */
export interface JourneyStep {
  op: Operation;
  /** Poll the operation this many times in total (status tracker); default 1. */
  repeat?: number;
  /** Interval between repeats in ms (jittered ±20 %). */
  everyMs?: number;
}

/** Normalized journey definition from a scenario. */
export interface JourneyDef {
  steps: JourneyStep[];
  /** Outcome when every step succeeded: `accepted` for applications, `completed` for visits. */
  success: Extract<Outcome, 'accepted' | 'completed'>;
  /** Whether to retry after an `error` class (connection error, 5xx) as after `throttled`. */
  retryOnError: boolean;
  /** Time scale applied to persona waits (waits are divided by it). */
  timeScale: number;
}

/** Plain, serializable journey state. */
export interface JourneyState {
  candidateId: string;
  /** Index into def.steps. */
  step: number;
  /** Successful repetitions of the current step. */
  done: number;
  /** Requests sent so far (all operations). */
  attempts: number;
  /** Retries of the current step after a rejection. */
  retries: number;
  /** When the journey started (ms since opening). */
  startedAt: number;
  /** Give up at or after this time (ms since opening). */
  deadline: number;
  /** Seeded generator state (32 bits, as a signed integer), advanced by every random draw. */
  rng: number;
  /** Values captured from earlier responses, available to request templates. */
  vars: Record<string, string>;
  persona: Persona;
  /** Outcome once finished. */
  outcome?: Outcome;
}

/** The part of a candidate the journey needs (the population holds more). */
export interface JourneyCandidate {
  id: string;
  seed: number;
  persona: Persona;
  /**
   * The candidate's own patience (real ms), when its persona is one object shared by all
   * the candidates of its kind (the simulator's: one per persona of the mix, not one per
   * candidate); default `persona.patienceMs`.
   */
  patienceMs?: number;
}
