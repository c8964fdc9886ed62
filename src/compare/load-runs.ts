import type { Budget } from './budget/load.js';
import type { MetricRef, Objective } from './budget/types.js';
import { planMetric, PER_OP_SPEC, type PlannedMetric } from './plan.js';
import { loadRun, type LoadedRun } from './runs.js';

/** Planned metrics for a set of references, without duplicates (first spelling wins). */
export function planAll(refs: readonly MetricRef[]): PlannedMetric[] {
  const out = new Map<string, PlannedMetric>();
  for (const r of refs) {
    const m = planMetric(r);
    if (!out.has(m.key)) out.set(m.key, m);
  }
  return [...out.values()];
}

/** Every reference a budget needs: its objectives' and its extra metrics. */
export function budgetRefs(objectives: readonly Objective[], budget?: Budget): MetricRef[] {
  return [...objectives.map((o) => o.ref), ...(budget?.metrics ?? [])];
}

/** Loads runs one after the other (one streaming pass each), with every series the plan needs. */
export async function loadRuns(
  inputs: readonly string[],
  plan: readonly PlannedMetric[],
  perOp: boolean,
  summary = false,
): Promise<LoadedRun[]> {
  const specs = plan.flatMap((m) => (m.window ? [m.window.spec] : []));
  if (perOp) specs.push(PER_OP_SPEC);
  const wantSummary = summary || plan.some((m) => m.summary);
  const runs: LoadedRun[] = [];
  for (const input of inputs) runs.push(await loadRun(input, specs, wantSummary));
  return runs;
}

/** Warnings worth showing beside a verdict: interrupted runs, an overloaded generator. */
export function runWarnings(runs: readonly LoadedRun[], side: string): string[] {
  const out: string[] = [];
  for (const r of runs) {
    if (r.manifest && r.manifest.status !== 'completed')
      out.push(`${side} ${r.ref.dir}: run ${r.manifest.status}, not completed`);
    for (const w of r.summary?.generator.warnings ?? []) out.push(`${side} ${r.ref.dir}: ${w}`);
    if (r.collected.samples === 0) out.push(`${side} ${r.ref.dir}: no samples of the compared metrics`);
  }
  return out;
}
