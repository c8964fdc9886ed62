import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunAccumulator } from '../../src/analyze/accumulate.js';
import { type FilePart, type PartStats, readWholePart } from '../../src/results/read-points.js';
import { PointScanner } from '../../src/results/read-point-bytes.js';
import { syntheticRun } from '../fixtures/k6/synthetic-run.js';

/**
 * A run of two files for the in-process tests of the two-thread read's halves: the
 * toolkit's own lines (journeys, countries, classes, lateness, HTTP metrics), cut in two,
 * then plain k6 output (its metrics, tags, checks, submetrics) in the second half.
 */
export function mixedRun(): { files: string[]; synthetic: string } {
  const dir = mkdtempSync(join(tmpdir(), 'read-parts-'));
  const synthetic = join(dir, 'run.ndjson');
  writeFileSync(synthetic, `${[...syntheticRun({ candidates: 120, quota: 40, seed: 11 })].join('\n')}\n`);
  const plain = join(dir, 'plain.json');
  copyFileSync(new URL('../fixtures/k6/plain-k6.json', import.meta.url), plain);
  return { files: [synthetic, plain], synthetic };
}

/** Plain k6 JSON output as k6 writes a long run: each metric declared once, at the top, then many points. */
export function plainK6Run(repeats: number): string {
  const lines = readFileSync(new URL('../fixtures/k6/plain-k6.json', import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const isDecl = (l: string) => l.includes('"type":"Metric"');
  const points = lines.filter((l) => !isDecl(l));
  const path = join(mkdtempSync(join(tmpdir(), 'read-parts-')), 'k6.json');
  const body = Array.from({ length: repeats }, () => points.join('\n'));
  writeFileSync(path, `${[...lines.filter(isDecl), ...body].join('\n')}\n`);
  return path;
}

/**
 * `parts` read in order on this thread into one finished accumulator, with each part's counts;
 * `laterPart` as the worker reads a part that may follow the metrics' declarations.
 */
export async function readHere(
  parts: FilePart[],
  by?: string,
  origin = 0,
  laterPart = false,
): Promise<{ acc: RunAccumulator; stats: PartStats[] }> {
  const acc = new RunAccumulator(origin, by, laterPart);
  const scanner = new PointScanner();
  const stats: PartStats[] = [];
  for (const part of parts) stats.push(await readWholePart(part, scanner, acc));
  acc.finish();
  return { acc, stats };
}
