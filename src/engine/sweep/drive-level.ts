import { setMaxListeners } from 'node:events';
import type { JourneyDef } from '../../journey/types.js';
import type { Candidate } from '../../population/types.js';
import type { TargetFile } from '../../target/types.js';
import { HostRefused } from '../../util/loopback.js';
import type { HttpClient } from '../node/http.js';
import { runJourney, type JourneyContext } from '../node/journey-runner.js';
import { LevelRecorder, type LevelCounts } from './level-recorder.js';
import { sleep } from '../../util/sleep.js';

export interface LevelSpec {
  mode: 'closed' | 'open';
  /** Closed: journeys kept in flight. Open: journeys started per second. */
  load: number;
  warmupMs: number;
  steadyMs: number;
  /** Closed loop: mean think time between one user's journeys, ms (exponential). */
  thinkMs: number;
  /** Open loop: journeys in flight beyond this are not started (counted as dropped). */
  maxInFlight: number;
  /** How long journeys in flight may finish after the window before they are cut. */
  drainMs: number;
}

export interface LevelDeps {
  def: JourneyDef;
  target: TargetFile;
  baseUrl: string;
  http: HttpClient;
  /** Non-loopback hosts the user allowed: every request's host is checked (the loopback rule). */
  allowHosts?: readonly string[];
  /** The next candidate (the population, cycled); the sweep gives each one patience 0. */
  candidate: () => Candidate;
  /** A uniform draw in [0, 1) from the sweep's seeded stream (think times, open-loop gaps). */
  uniform: () => number;
  /** Ctrl-C: end the window now; what was measured stands. */
  signal?: AbortSignal;
}

export interface LevelMeasured extends LevelCounts {
  windowMs: number;
  inFlightMean: number;
  dropped: number;
}

/**
 * Runs one load level with the node engine's journey runner and HTTP client, and
 * counts its steady window:
 *
 *   |── warm-up ──|────────── steady window (counted) ──────────|── drain ──|
 *
 * Closed loop: `load` users, each running a journey, thinking (exponential, mean
 * `thinkMs`), and running the next — the model the USL is defined on. Open loop:
 * journeys start at `load` per second as a Poisson stream whatever the portal does;
 * each request's latency is measured from its intended send time, so a generator or
 * portal that falls behind shows as latency, not as a lower offered load.
 * Bounded: every level ends at warm-up + steady + drain.
 */
export async function driveLevel(spec: LevelSpec, deps: LevelDeps): Promise<LevelMeasured> {
  const zero = performance.now();
  const zeroEpochMs = Date.now();
  const steadyFrom = zeroEpochMs + spec.warmupMs;
  const recorder = new LevelRecorder(steadyFrom, steadyFrom + spec.steadyMs);
  const stop = new AbortController(); // no new journeys
  const hard = new AbortController(); // cut requests in flight
  setMaxListeners(0, stop.signal, hard.signal);
  const ctx: JourneyContext = {
    def: deps.def,
    target: deps.target,
    baseUrl: deps.baseUrl,
    allowHosts: deps.allowHosts ?? [],
    http: deps.http,
    recorder,
    zero,
    zeroEpochMs,
    signal: hard.signal,
  };
  // A request to a host nobody allowed ends the sweep (it was not sent).
  let refused: HostRefused | undefined;
  const refuse = (e: unknown) => {
    if (!(e instanceof HostRefused)) return undefined;
    refused ??= e;
    stop.abort();
    return undefined;
  };
  const nowMs = () => performance.now() - zero;
  const start = (c: Candidate) =>
    runJourney({ ...c, arrivalMs: nowMs(), persona: { ...c.persona, patienceMs: 0 } }, ctx);
  const inFlight = new Set<Promise<unknown>>();
  let dropped = 0;

  const onAbort = () => {
    recorder.closeAt(Date.now());
    stop.abort();
  };
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  if (deps.signal?.aborted) onAbort();

  // Journeys in flight, sampled every 100 ms of the steady window (closed loop: ≈ load).
  let samples = 0;
  let sum = 0;
  const sampler = setInterval(() => {
    const t = Date.now();
    if (t >= steadyFrom && t < steadyFrom + spec.steadyMs) {
      samples++;
      sum += inFlight.size;
    }
  }, 100);
  const endAt = spec.warmupMs + spec.steadyMs;
  const ender = setTimeout(() => stop.abort(), endAt);

  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  try {
    if (spec.mode === 'closed') {
      const user = async () => {
        while (!stop.signal.aborted) {
          const p = start(deps.candidate()).catch(refuse);
          track(p);
          await p;
          if (spec.thinkMs > 0) await sleep(-Math.log(1 - deps.uniform()) * spec.thinkMs, stop.signal);
        }
      };
      const users = Array.from({ length: Math.round(spec.load) }, user);
      await Promise.race([
        Promise.all(users),
        new Promise((r) => stop.signal.addEventListener('abort', r, { once: true })),
      ]);
    } else {
      // Poisson arrivals: exponential gaps of mean 1/rate, scheduled on the clock so
      // that timer lateness does not thin the stream.
      let due = 0;
      while (!stop.signal.aborted) {
        due += (-Math.log(1 - deps.uniform()) * 1000) / spec.load;
        await sleep(due - nowMs(), stop.signal);
        if (stop.signal.aborted) break;
        if (inFlight.size >= spec.maxInFlight) {
          dropped++;
          continue;
        }
        const c = deps.candidate();
        track(runJourney({ ...c, arrivalMs: due, persona: { ...c.persona, patienceMs: 0 } }, ctx).catch(refuse));
      }
    }
    // Drain: let journeys in flight end, then cut what is left.
    const cut = setTimeout(() => hard.abort(), spec.drainMs);
    while (inFlight.size > 0) await Promise.race(inFlight);
    clearTimeout(cut);
    if (refused) throw refused;
  } finally {
    clearTimeout(ender);
    clearInterval(sampler);
    hard.abort();
    deps.signal?.removeEventListener('abort', onAbort);
  }
  return { ...recorder.result(), windowMs: recorder.windowMs, inFlightMean: samples ? sum / samples : 0, dropped };
}
