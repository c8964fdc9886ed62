import { resolveInputs } from '../results/read-inputs.js';
import type { Budget } from './budget/load.js';
import { scenarioObjectives } from './budget/from-scenario.js';
import { k6SummaryValue } from './budget/k6-summary-value.js';
import { refKey } from './budget/ref-key.js';
import type { Objective } from './budget/types.js';
import { budgetRefs, loadRuns, planAll, runWarnings } from './load-runs.js';
import { sideValue } from './measure.js';
import { evaluateAbsolute } from './objectives.js';
import { withDefaults, type GateOptions } from './options.js';
import { COMPARISON_VERSION, type Comparison, type ObjectiveResult } from './types.js';

export interface CheckOptions extends GateOptions {
  /** The run: a run directory or a k6 output file. */
  run: string;
  /** Objectives to check; without a budget, the scenario's (from the run's manifest). */
  budget?: Budget;
}

/** The objectives to gate on: the budget's, else those of the scenario the run recorded. */
export async function objectivesFor(
  run: string,
  budget: Budget | undefined,
): Promise<{ objectives: Objective[]; warnings: string[] }> {
  if (budget) return { objectives: budget.objectives, warnings: [] };
  const s = await scenarioObjectives((await resolveInputs([run])).manifest);
  if (s.objectives.length === 0)
    s.warnings.push('no objectives to gate on: give --budget FILE, or rehearse a scenario that has objectives');
  return s;
}

/**
 * `rehearse check`: absolute objectives on one run. Relative objectives need a base
 * and are reported as skipped. `passed` is false when any objective fails.
 */
export async function checkRun(o: CheckOptions): Promise<Comparison> {
  const opts = withDefaults(o, o.budget);
  const { objectives, warnings } = await objectivesFor(o.run, o.budget);
  const plan = planAll(budgetRefs(objectives, o.budget));
  // k6 thresholds are judged on the run's summary of every metric where it can say (exact, as k6 does).
  const runs = await loadRuns(
    [o.run],
    plan,
    false,
    objectives.some((x) => x.ref.kind === 'sample'),
  );
  const byKey = new Map(plan.map((m) => [m.key, m]));
  const results: ObjectiveResult[] = objectives.map((obj) => {
    const m = byKey.get(refKey(obj.ref))!;
    if (obj.kind === 'relative') {
      return {
        text: obj.text,
        source: obj.source,
        kind: 'relative',
        key: m.key,
        observed: null,
        status: 'skipped',
        message: 'needs a base run: use rehearse compare BASE CANDIDATE',
      };
    }
    const exact = obj.ref.kind === 'sample' && runs.length === 1 ? k6SummaryValue(runs[0]!.summary, obj.ref) : null;
    return exact
      ? evaluateAbsolute(obj, { ...m, unit: exact.unit }, exact.value)
      : evaluateAbsolute(obj, m, sideValue(runs, m));
  });
  return {
    version: COMPARISON_VERSION,
    kind: 'check',
    base: [],
    candidate: runs.map((r) => r.ref),
    alpha: opts.alpha,
    confidence: opts.confidence,
    seed: opts.seed,
    metrics: [],
    objectives: results,
    passed: results.every((r) => r.status !== 'fail'),
    warnings: [...warnings, ...runWarnings(runs, 'run')],
  };
}
