import type { Candidate } from '../../population/types.js';

/**
 * Open-model arrivals: each candidate starts at its scheduled time whether or not
 * earlier journeys have finished. The scheduler sleeps until the next arrival and
 * then starts every candidate that is due; how late each start was is reported.
 */
export interface ScheduleOptions {
  /** Monotonic ms of run time zero. */
  zero: number;
  signal: AbortSignal;
  /** Called for each due candidate with its lateness in ms. */
  onArrival: (c: Candidate, latenessMs: number) => void;
  /** Stops arrivals past this run time (ms), e.g. from --max-duration. */
  untilMs?: number;
}

/** Longest stretch of back-to-back starts before the event loop gets a turn. */
const TURN_MS = 20;

/**
 * Resolves true when it stopped at `untilMs` with candidates still due later (the run was
 * cut short, whatever the timer of --max-duration has done yet), false otherwise.
 */
export async function schedule(
  population: Iterable<Candidate> | AsyncIterable<Candidate>,
  opts: ScheduleOptions,
): Promise<boolean> {
  // A sync population (the generator) is walked without a microtask per candidate.
  const items = Symbol.iterator in population ? population : (population as AsyncIterable<Candidate>);
  let turned = performance.now();
  for await (const c of items) {
    if (opts.signal.aborted) return false;
    if (opts.untilMs !== undefined && c.arrivalMs > opts.untilMs) return true;
    const wait = opts.zero + c.arrivalMs - performance.now();
    // setTimeout fires up to ~1 ms late; lateness below that is the timer, not the portal.
    if (wait > 1) {
      await sleepUntil(wait, opts.signal);
      turned = performance.now();
    } else if (performance.now() - turned > TURN_MS) {
      // Candidates due back to back (a dense curve, a huge --scale) are started in
      // microtasks only, which never let the event loop run: no I/O for the journeys
      // started, and no SIGINT/SIGTERM handler (a run with --scale 1e15 ignored SIGTERM).
      await new Promise<void>((resolve) => setImmediate(resolve));
      turned = performance.now();
    }
    if (opts.signal.aborted) return false;
    opts.onArrival(c, Math.max(0, performance.now() - (opts.zero + c.arrivalMs)));
  }
  return false;
}

function sleepUntil(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
