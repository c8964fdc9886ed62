import type { Scenario } from '../../scenario/types.js';
import { DEFAULT_RETRY_CAP_SEC } from '../../population/persona.js';

/** One persona as the fluid model sees it: its share and its mean delays, in run-time ms. */
export interface FluidPersona {
  name: string;
  share: number;
  /** Mean patience from arrival, run-time ms (the model abandons at rate 1/patience). */
  patienceMs: number;
  /** Mean wait before retrying after a "busy" rejection, run-time ms. */
  retryMs: number;
  /** Whether the persona waits for the portal's own hint (Retry-After), e.g. until the opening. */
  honoursRetryAfter: boolean;
  /** Mean think time between successful steps, run-time ms. */
  thinkMs: number;
}

export interface FluidInputs {
  /** Candidates at this scale. */
  population: number;
  /** Arrival curve in run-time ms from the window's start (relative rates). */
  curve: Array<{ atMs: number; rate: number }>;
  windowMs: number;
  /** The opening, run-time ms from the window's start. */
  openingMs: number;
  /** Operations of the journey, in order (repeats expanded). */
  ops: string[];
  /** Think before each op after a success, run-time ms: a repeat's interval, or null for the persona's think time. */
  opThinkMs: Array<number | null>;
  /** The operation the quota applies to, if any (submitApplication). */
  quotaOp: string | null;
  quota: number | null;
  personas: FluidPersona[];
  /** Requests served per second at most (ok or not: every admitted request holds a worker). */
  capacityPerSec: number;
  /**
   * How excess attempts are turned away: `reject` (a cap on admitted requests answers
   * 503 at once: the carried load follows Erlang B on `slots`), or `queue` (no admission
   * control: excess waits, and a request that waited past the client's timeout is wasted).
   */
  admission: 'reject' | 'queue';
  /** Admission slots (throttle's maxActive, else the workers). */
  slots: number;
  /** Client timeout, run-time ms (queue mode: work for clients that gave up is wasted). */
  clientTimeoutMs: number;
  /** Portal queue timeout, run-time ms (queue mode: waits beyond it get 504 without service). */
  queueTimeoutMs: number;
  /** Portal's Retry-After when busy, ms (real time: the journey does not scale it). */
  retryAfterMs: number;
  /** Waiting room admission rate, per run-time second. */
  admitPerSec: number;
  /**
   * Mean time from sending an attempt to its answer, ms (real time, not scaled). A
   * visitor's next move waits for it, so it lengthens every retry cycle and think: with
   * a hammering persona (retrying within milliseconds) it, not the persona, sets the pace.
   */
  responseMs: number;
}

/**
 * A scenario (normalised: scaled and time-compressed, as `rehearse run` would use it) and a
 * capacity → the fluid model's inputs. Persona delays follow the journey machine
 * (src/journey/machine.ts): hammer and fixed retry after their base (mean of the jitter
 * 0.5 + U is 1); full-jitter backoff is taken at its third retry, U·min(cap, 4·base), mean
 * min(cap, 4·base)/2 — a fluid model has one delay per class, and the first few retries
 * are where a surge is decided; retry-after waits for the portal's hint (mean 1.1 × the
 * hint, real time). All persona times are divided by the time scale, like the journey does.
 */
export function fluidInputs(
  s: Scenario,
  capacityPerSec: number,
  clientTimeoutMs: number,
  responseMs?: number,
): FluidInputs {
  const ts = s.knobs.timeScale;
  const total = s.personas.reduce((a, p) => a + p.share, 0);
  const retryAfterMs = (s.portal.retryAfterSec ?? 1) * 1000 * 1.1;
  const personas = s.personas.map((p): FluidPersona => {
    const base = p.retryBaseSec * 1000;
    const cap = (p.retryCapSec ?? Math.max(DEFAULT_RETRY_CAP_SEC, p.retryBaseSec)) * 1000;
    const retryMs =
      p.retry === 'retry-after' ? retryAfterMs : p.retry === 'backoff' ? Math.min(cap, 4 * base) / 2 / ts : base / ts;
    return {
      name: p.name,
      share: p.share / total,
      patienceMs: (((p.patienceMin[0] + p.patienceMin[1]) / 2) * 60_000) / ts,
      retryMs,
      honoursRetryAfter: p.retry === 'retry-after',
      thinkMs: (p.thinkSec * 1000) / ts,
    };
  });
  const ops = s.journey.steps.flatMap((st) => Array.from({ length: st.repeat ?? 1 }, () => st.op as string));
  const opThinkMs = s.journey.steps.flatMap((st) =>
    Array.from({ length: st.repeat ?? 1 }, (_, i) => (i === 0 ? null : (st.everyMs ?? p0Think(s)) / ts)),
  );
  const quota = s.portal.quota ?? null;
  return {
    population: s.population,
    curve: s.curve,
    windowMs: s.windowMs,
    openingMs: s.openingMs,
    ops,
    opThinkMs,
    quotaOp: quota !== null && ops.includes('submitApplication') ? 'submitApplication' : null,
    quota,
    personas,
    capacityPerSec,
    admission: s.portal.strategy === 'open' ? 'queue' : 'reject',
    slots: s.portal.maxActive ?? s.portal.workers,
    clientTimeoutMs,
    queueTimeoutMs: s.portal.queueTimeoutMs ?? 30_000,
    retryAfterMs,
    admitPerSec: s.portal.admitPerSec ?? capacityPerSec / 2,
    // Default: the portal's mean service time, what an answer takes when nothing waits.
    responseMs: responseMs ?? s.portal.serviceMs,
  };
}

/** The mix's mean think time, real ms (a repeat without its own interval waits this long). */
function p0Think(s: Scenario): number {
  const total = s.personas.reduce((a, p) => a + p.share, 0);
  return s.personas.reduce((a, p) => a + (p.share / total) * p.thinkSec * 1000, 0);
}
