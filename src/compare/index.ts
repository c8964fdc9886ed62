/**
 * The comparison: the CI gate. `checkRun` (objectives on one run) and `compareRuns`
 * (base vs candidate) return a `Comparison` that every output renders.
 *
 *   budget ─► objectives ─┐
 *   runs ─► time windows ─┼─► 1 vs 1: block bootstrap │ sets: Mann-Whitney ─► verdicts ─► objectives ─► Comparison
 *   summary.json ─────────┘                                                           ─► console · Markdown · JUnit · JSON
 */
// the type every output renders
export * from './types.js';
// the two entry points
export { checkRun, type CheckOptions } from './check.js';
export { compareRuns, DEFAULT_RELATIVE, type CompareOptions } from './compare.js';
export { expandRuns } from './runs.js';
// budgets
export { loadBudget, budgetFrom, parseObjectives, type Budget } from './budget/load.js';
export { budgetJsonSchema } from './budget/schema.js';
export type { Objective, MetricRef } from './budget/types.js';
// outputs
export {
  render,
  renderConsole,
  renderMarkdown,
  renderJUnit,
  renderJson,
  FORMATS,
  type OutputFormat,
} from './render/index.js';
export { writeOutputs } from './write-outputs.js';
// statistics, one per file
export { mannWhitney } from './stats/mann-whitney.js';
export { bootstrapCi } from './stats/bootstrap.js';
export { circularBlockWeights, blockLengthFor } from './stats/block-bootstrap.js';
export { optimalBlockLength } from './stats/optimal-block-length.js';
export { normalCdf, normalQuantile } from './stats/normal.js';
export { studentTQuantile } from './stats/student-t-quantile.js';
