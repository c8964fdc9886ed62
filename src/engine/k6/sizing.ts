/**
 * How many k6 instances (k6-operator pods) a scenario needs.
 *
 *   peak request rate = peak arrival rate (the stages' highest target, per second)
 *                       × requests in a journey that goes to the end (steps × repeats ×
 *                       requests per operation; retries add more, hence the headroom)
 *   parallelism       = ⌈peak request rate × headroom / per-instance rate⌉
 *
 * The per-instance rate is what one k6 instance running the bundle sustains; its default
 * comes from bench/k6.ts (k6 CPU per one-request iteration of the bundle, about 1.5 ms
 * on one core of the measuring machine: some 650 requests per second per core, taken
 * as 500). Give yours with --instance-rate after running the benchmark on the pods'
 * hardware. Peak concurrency (Little's law, vus.ts) is reported beside it: it is what
 * each pod's memory must hold (VUs are split evenly across the segments).
 */
import type { Scenario } from '../../scenario/types.js';
import { requestsOf } from '../../target/request.js';
import type { TargetFile } from '../../target/types.js';
import type { StageNumbers } from '../../scenario/arrival-clock.js';

/** Requests per second one k6 instance (one core) sustains with the bundle: bench/k6.ts, rounded down. */
export const DEFAULT_INSTANCE_RATE = 500;
/** Pods run at most at 1/HEADROOM of their measured rate: retries, slow responses and noisy neighbours. */
export const HEADROOM = 1.5;

export interface ClusterSizing {
  /** Journeys starting per second at the curve's peak. */
  peakArrivalsPerS: number;
  /** Requests in one journey that goes to the end. */
  requestsPerJourney: number;
  peakRequestsPerS: number;
  /** Journeys in flight at the peak (the VUs the whole cluster holds). */
  peakConcurrency: number;
  instanceRate: number;
  /** Pods needed with the headroom. */
  needed: number;
  /** Pods chosen (--parallelism, else `needed`). */
  parallelism: number;
  vusPerPod: number;
  /** Set when the chosen parallelism cannot carry the peak. */
  warning?: string;
}

/** Peak of a ramping-arrival-rate schedule, in iterations per second. */
export function peakArrivalRate(s: StageNumbers): number {
  const peak = Math.max(s.startRate, ...s.stages.map((st) => st.target));
  return (peak / s.unitMs) * 1000;
}

/** Requests in a journey that runs every step to the end (each repeat, each request of an operation). */
export function requestsPerJourney(scenario: Scenario, target: TargetFile): number {
  let n = 0;
  for (const step of scenario.journey.steps) {
    const spec = target.operations[step.op];
    n += (step.repeat ?? 1) * (spec ? requestsOf(spec).length : 1);
  }
  return Math.max(1, n);
}

export function sizeCluster(i: {
  schedule: StageNumbers;
  scenario: Scenario;
  target: TargetFile;
  peakConcurrency: number;
  preAllocatedVUs: number;
  instanceRate?: number;
  parallelism?: number;
}): ClusterSizing {
  const instanceRate = i.instanceRate ?? DEFAULT_INSTANCE_RATE;
  const peakArrivalsPerS = peakArrivalRate(i.schedule);
  const perJourney = requestsPerJourney(i.scenario, i.target);
  const peakRequestsPerS = peakArrivalsPerS * perJourney;
  const needed = Math.max(1, Math.ceil((peakRequestsPerS * HEADROOM) / instanceRate));
  const parallelism = i.parallelism ?? needed;
  const out: ClusterSizing = {
    peakArrivalsPerS,
    requestsPerJourney: perJourney,
    peakRequestsPerS,
    peakConcurrency: i.peakConcurrency,
    instanceRate,
    needed,
    parallelism,
    vusPerPod: Math.ceil(i.preAllocatedVUs / parallelism),
  };
  if (parallelism < needed) {
    const perPod = Math.round(peakRequestsPerS / parallelism);
    out.warning = `--parallelism ${parallelism} cannot carry the peak: ${Math.round(peakRequestsPerS)} requests/s (${fmt(peakArrivalsPerS)} arrivals/s × ${perJourney} requests) is ${perPod} per pod against ${instanceRate} per pod measured (--instance-rate); use --parallelism ${needed} or more (×${HEADROOM} headroom)`;
  }
  return out;
}

function fmt(x: number): string {
  return x >= 100 ? String(Math.round(x)) : x.toFixed(1);
}
