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
import { round } from './downsample.js';
import { fairnessSection } from './fairness.js';
import { generatorSection } from './generator.js';
import { byCountrySection, journeysSection, quotaSection, timeToOutcomeCdf } from './journey-sections.js';
import { classesSection, httpSection, latencySection, throughputSection } from './requests-sections.js';
import { SUMMARY_VERSION, type Summary } from './summary.js';
import { timelineSection } from './timeline.js';

export { formatSummary, type SummaryFormat } from './format.js';
export type { Summary } from './summary.js';

export interface AnalyzeOptions extends AccumulateOptions {
  /** Quota size, overriding the manifest's. */
  quota?: number;
}

export async function analyzeRun(inputs: string[], opts: AnalyzeOptions = {}): Promise<Summary> {
  const { manifest, files } = await resolveInputs(inputs);
  const { acc, stats } = await accumulateRun(files, manifest ? manifest.openingEpochMs : 0, opts);
  const any = stats.samples > 0;
  const t0 = manifest ? manifest.openingEpochMs : any ? acc.minTimeMs : 0;
  // Series are keyed by second since the opening, or by epoch second without a manifest.
  const shift = manifest || !any ? 0 : Math.floor(acc.minTimeMs / 1000);
  const durationMs = any ? round(acc.maxTimeMs - Math.min(t0, acc.minTimeMs), 3) : 0;
  const quotaSize = opts.quota ?? manifest?.scenario.quota ?? null;
  const quota = quotaSection(acc, t0, quotaSize);
  const summary: Summary = {
    version: SUMMARY_VERSION,
    source: {
      files: stats.files.map((f) => f.path),
      lines: stats.lines,
      malformedLines: stats.malformedLines,
      truncatedLastLine: stats.truncatedLastLine,
      ...(manifest ? { engine: manifest.engine.name, scenario: manifest.scenario.name, target: manifest.target.name, seed: manifest.seed } : {}),
      toolkitMetrics: acc.toolkit,
      samples: stats.samples,
      formats: stats.files.map((f) => f.format),
      malformed: stats.malformed,
    },
    openingEpochMs: round(t0, 3),
    durationMs,
    throughput: throughputSection(acc, durationMs, quota ? quota.accepted : null),
    classes: classesSection(acc, shift),
    http: httpSection(acc),
    latency: latencySection(acc),
    quota,
    journeys: journeysSection(acc),
    fairness: fairnessSection(acc.journeys, quotaSize),
    byCountry: byCountrySection(acc),
    generator: generatorSection(acc),
    timeline: timelineSection(acc, shift),
    timeToOutcomeCdf: timeToOutcomeCdf(acc),
  };
  if (manifest?.portalStats) summary.portal = manifest.portalStats;
  return summary;
}
