/**
 * The analyzer: a run (files or run directories) reduced to a versioned summary.json.
 *
 *   resolveInputs ─► accumulateRun (read-points.ts → RunAccumulator: one streaming pass,
 *                    bounded state; large plain files split over two threads and merged)
 *     ─► sections: throughput · classes · http · latency · quota · journeys · fairness
 *                  · byCountry · generator · timeline · timeToOutcomeCdf ─► Summary
 *
 * Knows nothing of engines: it reads k6's format (src/results/k6-format.ts) only.
 */
import { resolveInputs } from '../results/read-inputs.js';
import { type AccumulateOptions, accumulateRun } from './accumulate-run.js';
import type { Summary } from './summary.js';
import { summarize } from './summarize.js';

export { formatSummary, type SummaryFormat } from './format.js';
export type { Summary } from './summary.js';
export { summarize } from './summarize.js';
export { RunAccumulator } from './accumulate.js';

export interface AnalyzeOptions extends AccumulateOptions {
  /** Quota size, overriding the manifest's. */
  quota?: number;
}

export async function analyzeRun(inputs: string[], opts: AnalyzeOptions = {}): Promise<Summary> {
  const { manifest, files } = await resolveInputs(inputs);
  const { acc, stats } = await accumulateRun(files, manifest ? manifest.openingEpochMs : 0, opts);
  return summarize(acc, stats, manifest, opts);
}
