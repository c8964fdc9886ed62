/**
 * launch-rehearsal as a library, for CI scripts and notebooks: the same functions the
 * `rehearse` commands call, and their types. Documented in docs/library.md.
 *
 *   import { loadScenario, generatePopulation, analyzeRun, compareRuns, renderReport } from 'launch-rehearsal';
 *
 * Importing it loads every subsystem (the report's vega, the portal's fastify), about a
 * second; the `rehearse` binary loads each only when a command needs it.
 */

// Scenarios and populations
export { builtinScenarioNames, loadScenario } from './scenario/load.js';
export type { Knobs, Scenario, ScenarioInput } from './scenario/types.js';
export { generatePopulation } from './population/generate.js';
export { POPULATION_FORMATS, type PopulationFormat, writePopulation } from './population/write.js';
export type { Candidate, GeneratedCandidate } from './population/types.js';

// Analysis: a run (directory or k6 --out json/csv files) → summary.json
export { type AnalyzeOptions, analyzeRun } from './analyze/index.js';
export { formatSummary, type SummaryFormat } from './analyze/format.js';
export type { Summary } from './analyze/summary.js';

// Comparison and gate
export { type CompareOptions, compareRuns } from './compare/compare.js';
export { type CheckOptions, checkRun } from './compare/check.js';
export { loadBudget } from './compare/budget/load.js';
export type { Comparison } from './compare/types.js';

// Report: charts (vega-lite → SVG, PNG) and a self-contained HTML page
export { type ReportOptions, type ReportResult, writeReport as renderReport } from './report/index.js';

// The reference portal
export { type PortalOptions, type RunningPortal, startPortal } from './portal/index.js';

// Errors: a mistake in the input (exit code 2 in the CLI)
export { UsageError } from './util/usage-error.js';
