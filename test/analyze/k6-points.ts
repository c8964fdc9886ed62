import { RunAccumulator } from '../../src/analyze/accumulate.js';
import type { MetricDeclaration } from '../../src/results/read-json-line.js';
import { MetricTable, ParsedTags } from '../../src/results/read-tag-sets.js';

/** A k6 point written by hand: metric, time (ms), value, tags. */
export type P = [metric: string, t: number, value: number, tags: Record<string, string>];

/**
 * An accumulator (`--by name`) that read `declared`, then `points` in order; `laterPart`
 * as the worker thread reads a part cut after the declarations (kept for the merge).
 */
export function readPoints(declared: MetricDeclaration[], points: P[], laterPart = false): RunAccumulator {
  const acc = new RunAccumulator(0, 'name', laterPart);
  for (const d of declared) acc.declare(d);
  const metrics = new MetricTable();
  for (const [m, t, v, tags] of points) acc.point(metrics.named(m), t, v, new ParsedTags(tags));
  return acc;
}
