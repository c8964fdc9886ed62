import { mmck } from './queue/mmck.js';
import { mmcWait } from './queue/mmc-wait.js';
import { serversForWait } from './queue/servers-for-wait.js';
import type { Plan } from './schema.js';

/**
 * The queueing view of the same plan: each instance an M/M/c queue with c = its workers
 * and the service time S = c ÷ its peak throughput, the peak's requests split evenly and
 * at random over the instances (Poisson splitting keeps each stream Poisson). Answers:
 * the fewest instances whose p95 wait stays within the objective; the fewest servers a
 * single pooled queue would need (the lower bound that pooling buys); and, at the planned
 * instance count, utilisation, Erlang C, mean and p95 wait, and the share turned away if
 * each instance holds at most `queueRoom` waiting requests (M/M/c/K, K = c + room).
 * Exponential service is an assumption: see docs/capacity-planning.md for when it holds.
 * Cost O(instances · c) for the search.
 */
export function queueingView(o: {
  rate: number;
  workers: number;
  peakThroughput: number;
  waitObjectiveS: number;
  plannedInstances: number;
  queueRoom: number;
}): NonNullable<Plan['queueing']> {
  const serviceS = o.workers / o.peakThroughput;
  const offered = o.rate * serviceS;
  let inst = Math.max(1, Math.floor(offered / o.workers) + 1);
  while (mmcWait(o.workers, o.rate / inst, serviceS).quantileS > o.waitObjectiveS) inst++;
  const at = mmcWait(o.workers, o.rate / o.plannedInstances, serviceS);
  const blocking = mmck(o.workers, o.workers + o.queueRoom, (o.rate / o.plannedInstances) * serviceS).blocking;
  const finiteMs = (s: number) => (Number.isFinite(s) ? s * 1000 : null);
  return {
    model: 'M/M/c per instance, Poisson load balancing',
    serversPerInstance: o.workers,
    serviceMs: serviceS * 1000,
    offeredErlangs: offered,
    waitObjectiveS: o.waitObjectiveS,
    instancesForWait: inst,
    serversForWaitPooled: serversForWait(o.rate, serviceS, o.waitObjectiveS),
    atPlannedInstances: {
      utilisation: at.utilisation,
      probWait: at.probWait,
      meanWaitMs: finiteMs(at.meanS),
      p95WaitMs: finiteMs(at.quantileS),
      queueRoom: o.queueRoom,
      blocking,
    },
  };
}
