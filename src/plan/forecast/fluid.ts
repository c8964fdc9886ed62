import { cdfAt, curveDistribution } from '../../scenario/curve.js';
import { erlangB } from '../queue/erlang-b.js';
import type { FluidInputs } from './inputs.js';

export interface FluidResult {
  dtMs: number;
  /** [run-time ms since the opening, fresh arrivals/s, attempts/s, served/s, ok/s, people waiting to retry] per bucket. */
  series: Array<[number, number, number, number, number, number]>;
  attempts: number;
  okResponses: number;
  /** Attempts ÷ candidates: the requests each visitor brings (the analyzer's journeys.retryAmplification). */
  retryAmplification: number;
  accepted: number;
  completed: number;
  /** Turned away at the quota (quota_full). */
  quotaFull: number;
  gaveUp: number;
  /** Candidates who left without what they came for: quota_full + gave up. */
  turnedAway: number;
  /** Share of candidates who gave up. */
  abandonment: number;
  /** Opening → the quota's last place, run-time ms; null when it did not fill. */
  quotaFillMs: number | null;
  /** Time spent overloaded (attempts above capacity) after fresh demand last fell below capacity, run-time ms. */
  overloadedAfterSurgeMs: number;
  horizonMs: number;
}

/** Masses below this are nothing (a fraction of a candidate's fraction). */
const EPS = 1e-12;

/**
 * A fluid (deterministic, mean-flow) retrial model of a scenario's day, in run time:
 *
 *   fresh arrivals λ(t) ─► attempt at step s ─► admitted? ─yes─► ok ─► think ─► step s+1 … ─► done
 *                               ▲                  │                └─► quota full ─► turned away
 *                               │                  no (busy, not open yet, timed out)
 *                               └── retry delay ◄──┴──► gave up (patience ran out)
 *
 * Each persona is a class with its own retry delay (a delay line: the delay is drawn
 * from the journey machine's own jitter interval, not smoothed into an exponential),
 * think time (exponential, as in the machine) and patience (exponential survival
 * e^{−delay/patience} at each rejection: a fluid model does not track ages).
 * Admission: `reject` — a cap of `slots` admitted requests answered 503 beyond it, so the
 * admitted share of A attempts/s is 1 − B(slots, A·slots/C) (Erlang B: a loss system;
 * carried load tends to C as A grows); `queue` — everything waits, a fluid backlog drains
 * at C; a wait beyond the portal's queue timeout is answered 504 unserved, and work for
 * a client whose own timeout has passed is wasted (served, but failed) — the mechanism
 * behind metastable collapse (Bronson et al., HotOS 2021; Huang et al., OSDI 2022).
 * The quota is taken in the order attempts are admitted, classes sharing each step's
 * remaining places pro rata.
 * Cost O(steps · personas · operations); the step is a quarter of the shortest delay.
 */
export function runFluid(inp: FluidInputs, opts: { buckets?: number; maxSteps?: number } = {}): FluidResult {
  const dist = curveDistribution(inp.curve, inp.windowMs);
  const P = inp.personas.length;
  const S = inp.ops.length;
  const shortest = Math.min(
    ...inp.personas.flatMap((p) => [
      p.retryMs + inp.responseMs,
      p.thinkMs + inp.responseMs > 0 ? p.thinkMs + inp.responseMs : Infinity,
    ]),
    (inp.slots / inp.capacityPerSec) * 1000,
    inp.windowMs / 100,
  );
  const maxPatience = Math.max(...inp.personas.map((p) => p.patienceMs));
  const horizonMs = inp.windowMs + Math.min(3 * maxPatience, 2 * inp.windowMs);
  const maxSteps = opts.maxSteps ?? 200_000;
  const dt = Math.max(shortest / 4, horizonMs / maxSteps, 0.05);
  const n = Math.ceil(horizonMs / dt);
  const cap = inp.capacityPerSec / 1000; // per ms

  const think = Array.from({ length: P }, () => new Float64Array(S));
  const release = Array.from({ length: P }, () => Array.from({ length: S }, () => new Float64Array(n + 2)));
  let orbit = 0;
  const schedule = (p: number, s: number, mass: number, loMs: number, hiMs: number, k: number) => {
    // Spread `mass` uniformly over release steps [k + lo/dt, k + hi/dt].
    const a = k + 1 + loMs / dt;
    const b = k + 1 + hiMs / dt;
    const first = Math.floor(a);
    const last = Math.min(n + 1, Math.floor(b));
    if (first > n + 1) return;
    const line = (release[p] as Float64Array[])[s] as Float64Array;
    orbit += mass;
    if (last <= first || b - a < 1) {
      const i = Math.min(n + 1, first);
      line[i] = (line[i] as number) + mass;
      return;
    }
    const per = mass / (last - first + 1);
    for (let i = first; i <= last; i++) line[i] = (line[i] as number) + per;
  };
  const retryWindow = (p: number): [number, number] => {
    const per = inp.personas[p]!;
    const r = inp.responseMs;
    if (per.honoursRetryAfter) return [r + inp.retryAfterMs / 1.1, r + (inp.retryAfterMs / 1.1) * 1.2];
    return [r + per.retryMs * 0.5, r + per.retryMs * 1.5];
  };

  const buckets = opts.buckets ?? 200;
  const perBucket = Math.max(1, Math.ceil(n / buckets));
  const series: FluidResult['series'] = [];
  let bFresh = 0,
    bAtt = 0,
    bServed = 0,
    bOk = 0;
  let attempts = 0,
    okResponses = 0,
    accepted = 0,
    completed = 0,
    quotaFull = 0,
    gaveUp = 0;
  let quotaFillMs: number | null = null;
  let backlog = 0;
  let lastFreshAbove = -Infinity;
  let overloadedAfter = 0;
  const att = Array.from({ length: P }, () => new Float64Array(S));
  let prevCdf = 0;

  for (let k = 0; k < n; k++) {
    const t = k * dt;
    const cdf = cdfAt(dist, Math.min(t + dt, inp.windowMs));
    const fresh = inp.population * Math.max(0, cdf - prevCdf);
    prevCdf = cdf;
    let total = 0;
    for (let p = 0; p < P; p++) {
      const per = inp.personas[p]!;
      for (let s = 0; s < S; s++) {
        const thinkMs = (inp.opThinkMs[s] ?? per.thinkMs) + inp.responseMs;
        const out = s > 0 ? think[p]![s]! * (thinkMs > 0 ? 1 - Math.exp(-dt / thinkMs) : 1) : 0;
        if (s > 0) think[p]![s]! -= out;
        const back = release[p]![s]![k]!;
        orbit -= back;
        const a = (s === 0 ? fresh * per.share : 0) + out + back;
        att[p]![s] = a;
        total += a;
      }
    }
    const rate = total / dt; // attempts per ms
    // Admission: the share of this step's attempts that get a response in time.
    let admitted: number;
    let good: number;
    if (inp.admission === 'reject') {
      admitted = rate > EPS ? 1 - erlangB(inp.slots, (rate * inp.slots) / cap) : 1;
      good = 1;
    } else {
      const served = Math.min(backlog + total, cap * dt);
      backlog = backlog + total - served;
      const maxBacklog = cap * inp.queueTimeoutMs;
      let dropped = 0;
      if (backlog > maxBacklog) {
        dropped = backlog - maxBacklog;
        backlog = maxBacklog;
      }
      const waitMs = backlog / cap;
      admitted = total > EPS ? Math.max(0, 1 - dropped / total) : 1;
      // Served after the client gave up: the work is done, the answer is lost.
      good = waitMs > inp.clientTimeoutMs ? 0 : 1;
    }
    // The quota: places left are shared pro rata among this step's admitted submissions.
    let quotaAdmitted = 0;
    if (inp.quotaOp !== null && t >= inp.openingMs) {
      for (let p = 0; p < P; p++)
        for (let s = 0; s < S; s++) if (inp.ops[s] === inp.quotaOp) quotaAdmitted += att[p]![s]! * admitted * good;
    }
    const left = inp.quota !== null ? Math.max(0, inp.quota - accepted) : Infinity;
    const takeShare = quotaAdmitted > EPS ? Math.min(1, left / quotaAdmitted) : 1;
    let okThis = 0;
    for (let p = 0; p < P; p++) {
      const per = inp.personas[p]!;
      for (let s = 0; s < S; s++) {
        const a = att[p]![s]!;
        if (a <= EPS) continue;
        const ok = a * admitted * good;
        let rejected = a - ok;
        let succeeded = ok;
        if (inp.ops[s] === inp.quotaOp) {
          if (t < inp.openingMs) {
            // Not open yet: a 503 whose hint is the time to the opening; it held a worker.
            succeeded = 0;
            if (per.honoursRetryAfter) {
              const until = inp.openingMs - t;
              const survive = Math.exp(-until / per.patienceMs);
              gaveUp += ok * (1 - survive);
              schedule(p, s, ok * survive, inp.responseMs + until, inp.responseMs + until * 1.2, k);
            } else rejected += ok;
          } else {
            succeeded = ok * takeShare;
            quotaFull += ok - succeeded;
            accepted += succeeded;
            if (quotaFillMs === null && inp.quota !== null && accepted >= inp.quota * (1 - 1e-9))
              quotaFillMs = t + dt - inp.openingMs;
          }
        }
        okThis += succeeded;
        if (succeeded > 0) {
          const th = think[p] as Float64Array;
          if (s + 1 < S) th[s + 1] = (th[s + 1] as number) + succeeded;
          else if (inp.quotaOp === null) completed += succeeded;
        }
        if (rejected > EPS) {
          const [lo, hi] = retryWindow(p);
          const survive = Math.exp(-((lo + hi) / 2) / per.patienceMs);
          gaveUp += rejected * (1 - survive);
          schedule(p, s, rejected * survive, lo, hi, k);
        }
      }
    }
    attempts += total;
    okResponses += okThis;
    // Overload after the surge: attempts above capacity once fresh demand is below it.
    const freshReqRate = (fresh * S) / dt;
    if (freshReqRate >= cap) lastFreshAbove = t;
    if (t > lastFreshAbove && lastFreshAbove > -Infinity && rate > cap) overloadedAfter += dt;
    // Everyone has arrived and nobody is left waiting or thinking: the day is over.
    let thinking = 0;
    for (let p = 0; p < P; p++) for (let s = 1; s < S; s++) thinking += think[p]![s]!;
    const over = t > inp.windowMs && orbit + thinking < 1e-9 * inp.population;
    bFresh += fresh;
    bAtt += total;
    bServed += inp.admission === 'reject' ? total * admitted : Math.min(total, cap * dt);
    bOk += okThis;
    if ((k + 1) % perBucket === 0 || k === n - 1 || over) {
      const span = (((k % perBucket) + 1) * dt) / 1000;
      series.push([t + dt - inp.openingMs, bFresh / span, bAtt / span, bServed / span, bOk / span, Math.max(0, orbit)]);
      bFresh = bAtt = bServed = bOk = 0;
    }
    if (over) break;
  }
  const N = inp.population;
  return {
    dtMs: dt,
    series,
    attempts,
    okResponses,
    retryAmplification: N > 0 ? attempts / N : 0,
    accepted,
    completed,
    quotaFull,
    gaveUp,
    turnedAway: quotaFull + gaveUp,
    abandonment: N > 0 ? gaveUp / N : 0,
    quotaFillMs,
    overloadedAfterSurgeMs: overloadedAfter,
    horizonMs,
  };
}
