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
  // One TagSet per metric and distinct set of tags, as the reader keeps them (a TagCache per
  // MetricRef, read-tag-sets.ts): the accumulator keeps figures per TagSet.
  const sets = new Map<string, ParsedTags>();
  for (const [m, t, v, tags] of points) {
    const key = JSON.stringify([m, Object.entries(tags).sort()]);
    let ts = sets.get(key);
    if (ts === undefined) sets.set(key, (ts = new ParsedTags(tags)));
    acc.point(metrics.named(m), t, v, ts);
  }
  return acc;
}
