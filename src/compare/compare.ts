import type { Budget } from './budget/load.js';
import { parseObjective } from './budget/parse-objective.js';
import { refKey } from './budget/ref-key.js';
import type { Objective } from './budget/types.js';
import { objectivesFor } from './check.js';
import { compareSets } from './compare-sets.js';
import { compareWindows, pointChange, type TestOutcome } from './compare-windows.js';
import { budgetRefs, loadRuns, planAll, runWarnings } from './load-runs.js';
import { runValue, sideValue, windowStatOf } from './measure.js';
import { evaluateAbsolute, evaluateRelative } from './objectives.js';
import { withDefaults, type GateOptions } from './options.js';
import { defaultRefs, perOpRef, PER_OP_SPEC, planMetric, type PlannedMetric } from './plan.js';
import type { LoadedRun } from './runs.js';
import { seedFor } from './stats/random.js';
import { COMPARISON_VERSION, type Comparison, type MetricComparison, type ObjectiveResult } from './types.js';
import { specKey } from './windows/series-spec.js';

/**
 * What gates a comparison when no budget says otherwise (besides the scenario's own
 * absolute objectives): a significant growth of the median or the 95th percentile of
 * successful responses beyond 10 %, or of the failure rate beyond one percentage
 * point. The median is there because on a busy machine the tail is dominated by CPU
 * stalls and its interval is wide, while a slower service moves the median reliably.
 * Three objectives only, so noise has three chances (not one per metric shown) to
 * fail a build.
 */
export const DEFAULT_RELATIVE = [
  'http_req_duration{expected_response:true}: p(50) may not grow more than 10%',
  'http_req_duration{expected_response:true}: p(95) may not grow more than 10%',
  'http_req_failed: rate may not grow more than 1pp',
];

export interface CompareOptions extends GateOptions {
  /** Base run inputs (one run, or several for a set). */
  base: readonly string[];
  candidate: readonly string[];
  budget?: Budget;
  /** Show the default metrics beside the budget's (default true). */
  defaults?: boolean;
}

/**
 *   inputs ─► objectives (budget | scenario + DEFAULT_RELATIVE) ─► plan metrics
 *          ─► load runs (one streaming pass each: time windows; summary.json)
 *          ─► per metric: 1 vs 1 → block bootstrap over windows;
 *                         sets  → Mann-Whitney over per-run values
 *          ─► objectives: absolute on the candidate, relative on the change ─► Comparison
 */
export async function compareRuns(o: CompareOptions): Promise<Comparison> {
  const opts = withDefaults(o, o.budget);
  const warnings: string[] = [];
  let objectives: Objective[];
  if (o.budget) objectives = o.budget.objectives;
  else {
    const s = await objectivesFor(o.candidate[0] as string, undefined);
    objectives = [
      ...s.objectives.filter((x) => x.kind === 'absolute'),
      ...DEFAULT_RELATIVE.flatMap((t) => parseObjective(t, 'default')),
    ];
    warnings.push(...s.warnings.filter((w) => !w.startsWith('no objectives')));
  }
  const showDefaults = o.defaults ?? true;
  const plan = planAll([...budgetRefs(objectives, o.budget), ...(showDefaults ? defaultRefs() : [])]);
  const base = await loadRuns(o.base, plan, showDefaults);
  const cand = await loadRuns(o.candidate, plan, showDefaults);
  if (showDefaults) plan.push(...perOpMetrics(plan, base, cand));

  const single = base.length === 1 && cand.length === 1;
  const compared = new Map<string, MetricComparison>();
  for (const m of plan) {
    const t = single
      ? compareSingle(base[0] as LoadedRun, cand[0] as LoadedRun, m, opts)
      : compareSetsOf(base, cand, m, opts);
    compared.set(m.key, { key: m.key, label: m.label, unit: m.unit, better: m.better, ...t });
  }
  const byKey = new Map(plan.map((m) => [m.key, m]));
  const results: ObjectiveResult[] = objectives.map((obj) => {
    const m = byKey.get(refKey(obj.ref)) as PlannedMetric;
    return obj.kind === 'absolute'
      ? evaluateAbsolute(obj, m, sideValue(cand, m))
      : evaluateRelative(obj, m, compared.get(m.key));
  });
  const gated = new Set(objectives.map((x) => refKey(x.ref)));
  const metrics = [...compared.values()].filter((mc) => gated.has(mc.key) || mc.base !== null || mc.candidate !== null);
  warnings.push(...runWarnings(base, 'base'), ...runWarnings(cand, 'candidate'), ...mismatch(base, cand));
  return {
    version: COMPARISON_VERSION,
    kind: 'compare',
    base: base.map((r) => r.ref),
    candidate: cand.map((r) => r.ref),
    alpha: opts.alpha,
    confidence: opts.confidence,
    seed: opts.seed,
    metrics,
    objectives: results,
    passed: results.every((r) => r.status !== 'fail'),
    warnings,
  };
}

function compareSingle(b: LoadedRun, c: LoadedRun, m: PlannedMetric, o: Required<GateOptions>): TestOutcome {
  const sb = windowStatOf(b, m);
  const sc = windowStatOf(c, m);
  if (sb && sc && (sb.samples > 0 || sc.samples > 0)) {
    return compareWindows(sb, sc, m.better, {
      confidence: o.confidence,
      resamples: o.resamples,
      seed: seedFor(o.seed, m.key),
      minWindows: 10,
      minSamples: m.minSamples,
    });
  }
  const point = pointChange(runValue(b, m), runValue(c, m));
  const note =
    point.base === null || point.candidate === null
      ? 'no value on one side'
      : 'one value per run: compare sets of runs (at least 4 a side) for a verdict';
  return {
    ...point,
    deltaCi: null,
    changeCi: null,
    pValue: null,
    method: 'none',
    n: { base: 1, candidate: 1 },
    verdict: 'not enough data',
    note,
  };
}

function compareSetsOf(
  base: readonly LoadedRun[],
  cand: readonly LoadedRun[],
  m: PlannedMetric,
  o: Required<GateOptions>,
): TestOutcome {
  return compareSets(
    base.map((r) => runValue(r, m)),
    cand.map((r) => runValue(r, m)),
    m.better,
    { alpha: o.alpha, confidence: o.confidence, resamples: o.resamples, seed: seedFor(o.seed, m.key) },
  );
}

/** p(95) of http_req_duration per operation any run used, unless already planned. */
function perOpMetrics(plan: readonly PlannedMetric[], ...sides: LoadedRun[][]): PlannedMetric[] {
  const ops = new Set<string>();
  for (const r of sides.flat()) for (const op of r.collected.splits.get(specKey(PER_OP_SPEC)) ?? []) ops.add(op);
  return [...ops]
    .sort()
    .map((op) => planMetric(perOpRef(op)))
    .filter((m) => !plan.some((p) => p.key === m.key));
}

function mismatch(base: readonly LoadedRun[], cand: readonly LoadedRun[]): string[] {
  const names = (rs: readonly LoadedRun[]) => new Set(rs.map((r) => r.ref.scenario ?? '?'));
  const b = [...names(base)].join(', ');
  const c = [...names(cand)].join(', ');
  return b !== c
    ? [`base and candidate rehearsed different scenarios (${b} vs ${c}): the comparison may not mean much`]
    : [];
}
