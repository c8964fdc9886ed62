/**
 * Measurements → a capacity plan. The phases:
 *
 *   points ─► fit USL (σ, κ, λ ± 95 %) ─► bootstrap N*, X(N*) and the curve's band
 *          ─► latency objective: the largest concurrency whose p95 meets it
 *          ─► capacity per instance (at the objective, else at the peak) × headroom
 *          ─► peak request rate (Little's law) ─► instances; queueing view; warnings
 */
import type { PlanInput } from './input.js';
import { instancesFor } from './instances.js';
import { largestConcurrencyMeeting, type LatencyObjective } from './objective.js';
import type { Peak } from './peak.js';
import { queueingView } from './queueing.js';
import { PLAN_VERSION, type Plan } from './schema.js';
import { bootstrapUsl, type UslBootstrap } from './usl/bootstrap.js';
import { fitUsl, type UslFit } from './usl/fit.js';
import { uslMaxThroughput, uslPeakConcurrency, uslThroughput } from './usl/model.js';

export interface PlanOptions {
  objective?: LatencyObjective;
  /** Share of capacity to plan on using, (0, 1]; default 0.7. */
  headroom?: number;
  peak?: Peak;
  /** Service slots per instance; default: the reference portal's, from the sweep. */
  workersPerInstance?: number;
  /** Waiting places per instance for the M/M/c/K blocking figure; default 10 per worker. */
  queueRoom?: number;
  seed?: number;
  resamples?: number;
}

/** Concurrencies where the chart draws the fitted curve and its band. */
export function curveGrid(maxN: number, steps = 60): number[] {
  const top = Math.max(2, maxN);
  return Array.from({ length: steps + 1 }, (_, i) => Math.max(1, (top * i) / steps));
}

export interface PlanResult {
  plan: Plan;
  fit: UslFit;
  boot: UslBootstrap;
  /** The curve and its band, for the chart. */
  curve: Array<{ n: number; x: number; low: number; high: number }>;
}

/**
 * The plan for measured points (see the phases above). Deterministic for a seed.
 * Cost O(resamples · fit) for the bootstrap, which dominates (≈ 0.3 s for 1,000 on one
 * core). Throws a RangeError from fitUsl for fewer than 3 points or impossible values.
 */
export function buildPlan(input: PlanInput, o: PlanOptions = {}): PlanResult {
  const pts = input.points;
  const warnings: string[] = [];
  if (pts.length < 6)
    warnings.push(
      `only ${pts.length} levels: the USL has 3 coefficients, so fewer than 6 levels leave its intervals wide; sweep at least 8`,
    );
  const fit = fitUsl(pts);
  const maxN = Math.max(...pts.map((p) => p.n));
  const maxX = Math.max(...pts.map((p) => p.x));
  const nStar = uslPeakConcurrency(fit);
  const xMax = uslMaxThroughput(fit);
  const drawTo = Math.min(
    Math.max(maxN * 1.25, Number.isFinite(nStar) ? Math.min(nStar * 1.2, maxN * 2) : 0),
    maxN * 2,
  );
  const grid = curveGrid(drawTo);
  const boot = bootstrapUsl(pts, fit, { seed: o.seed ?? 1, resamples: o.resamples ?? 1000, bandAt: grid });

  for (const b of fit.atBounds) {
    const v = fit[b];
    const why =
      v === 0
        ? b === 'kappa'
          ? 'no coherency cost was seen (throughput never turned down), so N* is infinite and only the contention ceiling λ/σ limits throughput'
          : 'no contention was seen in the measured range'
        : 'the data do not pin it down; treat the fit as a description of the measured range only';
    warnings.push(`${b === 'sigma' ? 'σ' : 'κ'} = ${v} sits on its bound: ${why}`);
  }
  if (!(fit.r2 >= 0.9))
    warnings.push(
      `R² = ${fit.r2.toFixed(3)}: the USL describes these measurements poorly; look at the residuals before trusting any figure`,
    );
  if (Number.isFinite(nStar) && nStar > 2 * maxN)
    warnings.push(
      `N* = ${nStar.toFixed(0)} is more than twice the largest measured concurrency (${maxN}): the peak is an extrapolation`,
    );
  if (Number.isFinite(xMax) && xMax > 2 * maxX)
    warnings.push(
      `X(N*) = ${xMax.toFixed(1)}/s is more than twice the largest measured throughput (${maxX.toFixed(1)}/s): an extrapolation`,
    );
  if (!Number.isFinite(xMax))
    warnings.push(
      'throughput grew linearly over the whole sweep (σ = κ = 0): the sweep never reached capacity; sweep to higher concurrency',
    );

  // Latency objective: where p95 crosses it, and the throughput there.
  let objective: Plan['objective'] = null;
  let nObj: number | null = null;
  if (o.objective) {
    const hit = largestConcurrencyMeeting(pts, o.objective);
    if (!pts.some((p) => p.p95Ms !== undefined))
      warnings.push(
        `no p95 in the input: the objective ${o.objective.text} could not be checked; capacity is taken at the peak of the curve`,
      );
    else if (!hit) warnings.push(`no measured level met ${o.objective.text}: even the lightest load was too slow`);
    nObj = hit?.n ?? null;
    objective = {
      text: o.objective.text,
      thresholdMs: o.objective.thresholdMs,
      maxConcurrency: nObj,
      throughputAtObjective:
        nObj !== null ? uslThroughput(Math.min(nObj, Number.isFinite(nStar) ? nStar : nObj), fit) : null,
    };
  }

  // Capacity per instance: at the objective when it was checked, else the peak.
  let perInstance: number;
  let basis: Plan['capacity']['basis'];
  if (objective?.throughputAtObjective) {
    perInstance = objective.throughputAtObjective;
    basis = 'objective';
  } else if (Number.isFinite(xMax) && xMax <= 2 * maxX) {
    perInstance = xMax;
    basis = 'peak';
  } else {
    perInstance = maxX;
    basis = 'measured-max';
  }
  const headroom = o.headroom ?? 0.7;
  const workers = o.workersPerInstance ?? input.sweep?.target.reference?.workers ?? null;
  const peakX = Number.isFinite(xMax) && xMax <= 2 * maxX ? xMax : maxX;

  let peak: Plan['peak'] = null;
  let instances: Plan['instances'] = null;
  let queueing: Plan['queueing'] = null;
  if (o.peak) {
    const ratio =
      Number.isFinite(xMax) && boot.xMax.low !== null && Number.isFinite(boot.xMax.high)
        ? { low: boot.xMax.low / xMax, high: boot.xMax.high / xMax }
        : { low: 1, high: 1 };
    const r = instancesFor(o.peak, perInstance, headroom, ratio);
    peak = { users: o.peak.users, thinkTimeS: o.peak.thinkTimeS, requestRate: r.rate, source: o.peak.source };
    instances = { needed: r.needed, atFullCapacity: r.atFullCapacity, interval: r.interval };
    if (workers !== null) {
      queueing = queueingView({
        rate: r.rate,
        workers,
        peakThroughput: peakX,
        waitObjectiveS: (o.objective?.thresholdMs ?? 2000) / 1000,
        plannedInstances: r.needed,
        queueRoom: o.queueRoom ?? 10 * workers,
      });
    } else {
      warnings.push(
        'workers per instance unknown (not a reference-portal sweep): pass --workers for the queueing view',
      );
    }
  }

  const contention = fit.sigma * (maxN - 1);
  const coherency = fit.kappa * maxN * (maxN - 1);
  const bound: Plan['usl']['bound'] =
    contention < 1e-6 && coherency < 1e-6 ? 'linear' : coherency > contention ? 'coherency' : 'contention';
  const fin = (v: number) => (Number.isFinite(v) ? v : null);
  const plan: Plan = {
    version: PLAN_VERSION,
    kind: 'plan',
    input: { file: input.file, kind: input.kind, levels: pts.length, maxConcurrency: maxN, maxThroughput: maxX },
    usl: {
      sigma: fit.sigma,
      sigmaInterval: fit.intervals.sigma,
      kappa: fit.kappa,
      kappaInterval: fit.intervals.kappa,
      lambda: fit.lambda,
      lambdaInterval: fit.intervals.lambda,
      nStar: fin(nStar),
      nStarInterval: { low: fin(boot.nStar.low), high: fin(boot.nStar.high) },
      xMax: fin(xMax),
      xMaxInterval: { low: fin(boot.xMax.low), high: fin(boot.xMax.high) },
      r2: fit.r2,
      residuals: pts.map((p, i) => ({
        concurrency: p.n,
        measured: p.x,
        fitted: p.x - (fit.residuals[i] as number),
        residual: fit.residuals[i] as number,
      })),
      bound,
      bootstrapResamples: boot.resamples,
    },
    objective,
    capacity: {
      perInstance,
      basis,
      concurrencyPerInstance: basis === 'objective' && nObj !== null ? Math.min(nObj, nStar) : fin(nStar),
      workersPerInstance: workers,
      serviceMs: workers !== null ? (workers / peakX) * 1000 : null,
      headroom,
      usablePerInstance: perInstance * headroom,
    },
    peak,
    instances,
    queueing,
    warnings,
  };
  const curve = grid.map((n, i) => ({
    n,
    x: uslThroughput(n, fit),
    low: boot.band[i]?.low ?? Number.NaN,
    high: boot.band[i]?.high ?? Number.NaN,
  }));
  return { plan, fit, boot, curve };
}
