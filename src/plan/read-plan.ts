import { readFile } from 'node:fs/promises';
import { UsageError } from '../util/usage-error.js';
import { type Plan, PlanSchema } from './schema.js';

/** Reads and validates a plan.json from `rehearse plan`; one line naming the file and the field when it is not one. */
export async function readPlan(file: string): Promise<Plan> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(
      `${file}: expected a plan.json (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    );
  }
  const r = PlanSchema.safeParse(raw);
  if (!r.success)
    throw new UsageError(
      `${file}: not a plan.json: ${r.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  return r.data;
}

/** Instances to plan with: the given count, else the plan's own for its peak, else one. */
export function planInstances(plan: Plan, instances?: number): number {
  return instances ?? plan.instances?.needed ?? 1;
}

/**
 * A plan as a portal to simulate: `instances` copies of the measured instance pooled
 * behind one line, i.e. instances × workers per instance, each holding a request for
 * the plan's mean service time (workers ÷ peak throughput, so the pool's capacity is
 * instances × the instance's measured peak). Pooled is a little optimistic against
 * per-instance lines behind a balancer (an M/M/c beats c M/M/1s: Harchol-Balter,
 * Performance Modeling and Design of Computer Systems, 2013, ch. 14). Without the
 * worker count (a CSV plan without --workers) the instance is taken as one worker at
 * its planned capacity (workers = 1, service = 1000 / perInstance ms).
 */
export function portalFromPlan(plan: Plan, instances: number): { workers: number; serviceMs: number } {
  const c = plan.capacity;
  const perWorkers = c.workersPerInstance;
  if (perWorkers !== null && c.serviceMs !== null && c.serviceMs > 0)
    return { workers: instances * perWorkers, serviceMs: c.serviceMs };
  return { workers: instances, serviceMs: 1000 / c.perInstance };
}
