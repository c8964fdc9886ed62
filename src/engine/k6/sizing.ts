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
 * hardware.
 *
 * VUs bound the pods as well. A journey holds its VU for its whole length (the waits
 * between retries sleep inside the iteration), so the VUs are the journeys in flight at
 * the peak (Little's law, vus.ts), split evenly across the segments, and each costs a pod
 * memory (population-cost.ts, measured):
 *
 *   VU pods       = ⌈pre-allocated VUs / max VUs per pod⌉
 *   parallelism   = max(rate pods, VU pods)
 *   pod memory    = base + VUs per pod × MB per VU (+ the population files, when shipped)
 */
import type { Scenario } from '../../scenario/types.js';
import { requestsOf } from '../../target/request.js';
import type { TargetFile } from '../../target/types.js';
import type { StageNumbers } from '../../scenario/arrival-clock.js';
import { podMemoryMb } from './population-cost.js';

/** Requests per second one k6 instance (one core) sustains with the bundle: bench/k6.ts, rounded down. */
export const DEFAULT_INSTANCE_RATE = 500;
/** Pods run at most at 1/HEADROOM of their measured rate: retries, slow responses and noisy neighbours. */
export const HEADROOM = 1.5;
/**
 * VUs one pod runs at most (--max-vus-per-pod). A VU of a script that derives its
 * candidates costs 4.6 MB (measured, population-cost.ts), so 1,000 VUs are about 4.7 GB
 * of k6: a pod that fits an 8 GiB node beside the kubelet. Sleeping VUs cost no CPU;
 * their start-up does (each initialises the script: 100 VUs took 17–104 s on 2 cores).
 */
export const DEFAULT_MAX_VUS_PER_POD = 1_000;
/** Pods of one k6-operator TestRun this toolkit writes at most (--parallelism): past it, split the run. */
export const MAX_PODS = 1_000;

export interface ClusterSizing {
  /** Journeys starting per second at the curve's peak. */
  peakArrivalsPerS: number;
  /** Requests in one journey that goes to the end. */
  requestsPerJourney: number;
  peakRequestsPerS: number;
  /** Journeys in flight at the peak (the VUs the whole cluster holds). */
  peakConcurrency: number;
  instanceRate: number;
  /** Pods the peak request rate needs, with the headroom. */
  neededForRate: number;
  /** VUs one pod may run (--max-vus-per-pod). */
  maxVusPerPod: number;
  /** Pods the pre-allocated VUs need at `maxVusPerPod` each. */
  neededForVus: number;
  /** Pods needed: the larger of the two. */
  needed: number;
  /** Pods chosen (--parallelism, else `needed`). */
  parallelism: number;
  vusPerPod: number;
  /** Peak memory of one pod's k6 (MB): base, its VUs, the population files it loads. */
  podMemoryMb: number;
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
  maxVusPerPod?: number;
  parallelism?: number;
  /** Candidates shipped as population files (every pod loads them all); absent when the script derives them. */
  shippedCandidates?: number;
}): ClusterSizing {
  const instanceRate = i.instanceRate ?? DEFAULT_INSTANCE_RATE;
  const maxVusPerPod = i.maxVusPerPod ?? DEFAULT_MAX_VUS_PER_POD;
  const peakArrivalsPerS = peakArrivalRate(i.schedule);
  const perJourney = requestsPerJourney(i.scenario, i.target);
  const peakRequestsPerS = peakArrivalsPerS * perJourney;
  const neededForRate = Math.max(1, Math.ceil((peakRequestsPerS * HEADROOM) / instanceRate));
  const neededForVus = Math.max(1, Math.ceil(i.preAllocatedVUs / maxVusPerPod));
  const needed = Math.max(neededForRate, neededForVus);
  const parallelism = i.parallelism ?? needed;
  const vusPerPod = Math.ceil(i.preAllocatedVUs / parallelism);
  const out: ClusterSizing = {
    peakArrivalsPerS,
    requestsPerJourney: perJourney,
    peakRequestsPerS,
    peakConcurrency: i.peakConcurrency,
    instanceRate,
    neededForRate,
    maxVusPerPod,
    neededForVus,
    needed,
    parallelism,
    vusPerPod,
    podMemoryMb: podMemoryMb(vusPerPod, i.shippedCandidates),
  };
  const short: string[] = [];
  if (parallelism < neededForRate)
    short.push(
      `${Math.round(peakRequestsPerS)} requests/s (${fmt(peakArrivalsPerS)} arrivals/s × ${perJourney} requests) is ${Math.round(peakRequestsPerS / parallelism)} per pod against ${instanceRate} per pod measured (--instance-rate; ×${HEADROOM} headroom)`,
    );
  if (parallelism < neededForVus)
    short.push(
      `${i.preAllocatedVUs} VUs (${i.peakConcurrency} journeys in flight, each holding its VU for its whole length) is ${vusPerPod} per pod against ${maxVusPerPod} (--max-vus-per-pod), about ${formatMb(out.podMemoryMb)} of memory a pod`,
    );
  if (short.length > 0)
    out.warning = `--parallelism ${parallelism} cannot carry the peak: ${short.join('; ')}; use --parallelism ${needed} or more`;
  else if (parallelism > MAX_PODS)
    out.warning = `${parallelism} pods is more than one TestRun should hold (${MAX_PODS}): give the pods more memory and raise --max-vus-per-pod (${neededForVus} pods at ${maxVusPerPod} VUs), or split the day into several runs`;
  return out;
}

/** MB as "4.7 GB" or "516 MB". */
export function formatMb(mb: number): string {
  return mb >= 1000 ? `${(mb / 1000).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}

function fmt(x: number): string {
  return x >= 100 ? String(Math.round(x)) : x.toFixed(1);
}
