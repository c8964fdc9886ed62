import type { Knobs, PortalSpec } from './types.js';

/**
 * A calibrated portal at other knobs. A scenario's portal is fitted to its incident at
 * one scale and time scale (`portal.fittedAt`, usually its default knobs): its capacity
 * there stands for a capacity of the real day, capacity ÷ (scale × time scale) requests
 * per real second for the whole population (the calibration's own arithmetic: 7.1
 * requests/s of run time at 1/28 and 720× is 0.28/s, 1,000 an hour of launch day). At
 * other knobs the offered load of a run scales by
 *
 *   f = (scale × time scale) ÷ (fitted scale × fitted time scale)
 *
 * and so must the capacity, or a full-scale replay meets a portal sized for a sample of
 * the day (`simulate launch-day --scale 1`, the fitted 1 × 140 ms unscaled: the accepted
 * got in after a median of 7 minutes, not the 3–4 hours it was fitted to). How, setting by setting:
 *
 * - Capacity (workers ÷ service time) × f: workers × f, rounded, at least one; the
 *   rounding is put back into the service time so the capacity is exact. So a request
 *   takes as long as in the fitted replay and more (or fewer) are served at once, which
 *   keeps each request's latency against the target's client timeouts (real time, never
 *   scaled) as fitted. Only below one worker does the service
 *   time grow instead (launch-day at full scale and real time: 1 worker × 3.6 s for the
 *   fitted 1 × 140 ms at 1/28 and 720×). Stretching service times instead for f < 1
 *   (the exact time-stretch of the fitted replay) was tried and rejected: election night
 *   at scale 0.02 in real time got 300 ms requests and a 12 s queue timeout, past the
 *   target's 10 s client timeout, and 75 % of its visitors failed instead of 14 %.
 * - The cap on requests at once: with the workers (the same cap per worker).
 * - The queue timeout: × fitted time scale ÷ time scale, a wait of the real day like
 *   Retry-After. What it decides is the backlog at which the portal starts answering
 *   504: capacity × timeout requests in line. A run's backlog is `scale` times the real
 *   day's (arrivals and capacity both × scale × time scale, over a time ÷ time scale),
 *   so with the capacity × f the timeout must go × fitted time scale ÷ time scale for
 *   that backlog to stay the same number of the real day's requests. Left unscaled, a
 *   2 s timeout fitted at 60× (two minutes of the night's capacity in line) became 2 s
 *   in real time: election night at full scale erred from 22:36, when the load passed the
 *   capacity, instead of near 23:00 as in the fitted replay. A timeout fitted at T× must
 *   therefore stay under the target's client timeout ÷ T, or in real time the clients
 *   give up first and the portal serves requests nobody waits for.
 * - The waiting room's admission rate: × f, as a capacity.
 * - Retry-After and the code and pass lifetimes: waits the candidate makes, which the
 *   fitted replay ran at its time scale (a Retry-After of 1 s at 720× is 12 minutes of
 *   the day), × fitted time scale ÷ time scale, so they keep their real-day length.
 * - The quota is scaled by `scale` in normalize, as for every scenario.
 *
 * Without `fittedAt` (a portal not fitted to anything: its capacity is what the
 * rehearsal measures) the portal is returned unchanged.
 */
export function portalAtKnobs(portal: PortalSpec, knobs: Knobs): PortalSpec {
  const { fittedAt, ...spec } = portal;
  if (!fittedAt) return spec;
  const f = (knobs.scale * knobs.timeScale) / (fittedAt.scale * fittedAt.timeScale);
  const time = fittedAt.timeScale / knobs.timeScale;
  if (f === 1 && time === 1) return spec;
  const workers = Math.max(1, Math.round(spec.workers * f));
  // Service time × stretch keeps workers ÷ service time = the fitted capacity × f.
  const stretch = workers / (spec.workers * f);
  const out: PortalSpec = { ...spec, workers, serviceMs: round(spec.serviceMs * stretch) };
  if (spec.serviceMsByOp)
    out.serviceMsByOp = Object.fromEntries(
      Object.entries(spec.serviceMsByOp).map(([op, ms]) => [op, round(ms * stretch)]),
    );
  if (spec.maxActive !== undefined) out.maxActive = Math.max(1, Math.round((spec.maxActive * workers) / spec.workers));
  if (spec.admitPerSec !== undefined) out.admitPerSec = spec.admitPerSec * f;
  if (spec.queueTimeoutMs !== undefined) out.queueTimeoutMs = round(spec.queueTimeoutMs * time);
  if (spec.retryAfterSec !== undefined) out.retryAfterSec = spec.retryAfterSec * time;
  if (spec.codeTtlMs !== undefined) out.codeTtlMs = round(spec.codeTtlMs * time);
  if (spec.passTtlMs !== undefined) out.passTtlMs = round(spec.passTtlMs * time);
  return out;
}

/** The capacity factor f above, 1 for a portal not fitted at other knobs. */
export function portalCapacityFactor(portal: PortalSpec, knobs: Knobs): number {
  const at = portal.fittedAt;
  return at ? (knobs.scale * knobs.timeScale) / (at.scale * at.timeScale) : 1;
}

/** Milliseconds to a microsecond: the portal's timers and the model's clock resolve no finer. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
