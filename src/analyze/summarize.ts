import type { RunManifest } from '../results/manifest.js';
import type { ReadStats } from '../results/reader.js';
import type { RunAccumulator } from './accumulate.js';
import { round } from './downsample.js';
import { fairnessSection } from './fairness.js';
import { generatorSection } from './generator.js';
import { byCountrySection, journeysSection, quotaSection, timeToOutcomeCdf } from './journey-sections.js';
import { classesSection, httpSection, latencySection, throughputSection } from './requests-sections.js';
import { SUMMARY_VERSION, type Summary } from './summary.js';
import { timelineSection } from './timeline.js';

/**
 * An accumulator that has seen a run's points, turned into summary.json: the one
 * implementation of the sections, whether the points were read from files
 * (`analyzeRun`) or handed over in memory by an engine that writes no samples (the
 * simulator). Call `acc.finish()` first.
 */
export function summarize(
  acc: RunAccumulator,
  stats: ReadStats,
  manifest: RunManifest | undefined,
  opts: { quota?: number } = {},
): Summary {
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
      ...(manifest
        ? {
            engine: manifest.engine.name,
            scenario: manifest.scenario.name,
            target: manifest.target.name,
            seed: manifest.seed,
          }
        : {}),
      ...(manifest
        ? {
            scale: manifest.scenario.scale,
            timeScale: manifest.scenario.timeScale,
            population: manifest.scenario.population,
          }
        : {}),
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
  // k6's own end-of-test summary of every metric (src/analyze/k6-metrics.ts).
  summary.metrics = acc.k6.metricsSection(durationMs);
  summary.checks = acc.k6.checksSection();
  summary.groups = acc.k6.groupsSection();
  const by = acc.k6.bySection();
  if (by) summary.by = by;
  const warnings = (manifest?.notes ?? [])
    .filter((n) => n.startsWith('warning: '))
    .map((n) => n.slice('warning: '.length));
  if (warnings.length > 0) summary.warnings = warnings;
  return summary;
}
