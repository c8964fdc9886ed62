import { UsageError } from '../util/usage-error.js';
import type { RunManifest } from './manifest.js';
import { resolveInputs, type ResolvedInputs } from './read-inputs.js';
import type { Sample } from './read-json-line.js';
import { displayPath } from '../util/display-path.js';
import type { PointSink } from './read-point-bytes.js';
import { MAX_REPORTED, readPart, type PartStats } from './read-points.js';
import { PointScanner } from './read-point-bytes.js';
import type { MetricRef, TagSet } from './read-tag-sets.js';

export type { Sample } from './read-json-line.js';

/**
 * Streaming reader of a run's samples: k6 `--out json` NDJSON or `--out csv`, plain or
 * gzip, one file or several (segments, pods: merged by concatenation, so no order
 * across files is assumed), or a run directory with its manifest.
 *
 *   inputs ─► resolveInputs (manifest, files) ─► readPart (read-points.ts: 4 MiB
 *          blocks of whole lines, byte-level fast path, else parseJsonLine | parseCsvLine)
 *          ─► Sample[] batches ─► caller (the analyzer takes the points without Sample objects)
 *
 * Bad input never crashes it: a line that is not a k6 record is counted (with its line
 * number, the first MAX_REPORTED kept); an unterminated last line that does not parse is
 * a truncated write and is reported, not counted. An empty file, or one whose first line
 * is neither k6 JSON nor a k6 CSV header, is a UsageError (one line, exit 2); so is a
 * malformed share above the threshold (see `malformedLimit`).
 */
export interface ReadOptions {
  /** Share of lines that may be malformed before reading fails (default 0.01). */
  maxMalformedShare?: number;
}

export interface FileStats {
  path: string;
  format: 'json' | 'csv';
  lines: number;
  samples: number;
  malformedLines: number;
  truncatedLastLine: boolean;
}

export interface ReadStats {
  files: FileStats[];
  lines: number;
  samples: number;
  malformedLines: number;
  /** The first malformed lines, `file:line`. */
  malformed: Array<{ file: string; line: number }>;
  truncatedLastLine: boolean;
}

export { MAX_REPORTED } from './read-points.js';
/** Malformed lines always tolerated, whatever the share (a few stray lines in a small file). */
export const MALFORMED_FLOOR = 10;
export const DEFAULT_MAX_MALFORMED_SHARE = 0.01;

/** Reading fails when malformed lines exceed max(10, share × lines). */
export function malformedLimit(lines: number, share = DEFAULT_MAX_MALFORMED_SHARE): number {
  return Math.max(MALFORMED_FLOOR, Math.floor(share * lines));
}

export interface SampleSource extends AsyncIterable<Sample> {
  /** Batches of samples (one per chunk read): the fast way to consume. */
  batches(): AsyncGenerator<Sample[]>;
  /** Filled as reading goes; complete once iteration has ended. */
  readonly stats: ReadStats;
  /** Resolves the inputs (manifest, files) without reading samples. */
  inputs(): Promise<ResolvedInputs>;
}

/** Samples of one run from `inputs` (files and/or run directories). */
export function readSamples(inputs: string[], opts: ReadOptions = {}): SampleSource {
  const stats = newReadStats();
  let resolved: Promise<ResolvedInputs> | undefined;
  const inputsOnce = () => (resolved ??= resolveInputs(inputs));
  async function* batches(): AsyncGenerator<Sample[]> {
    const r = await inputsOnce();
    for (const file of r.files) yield* readFile(file, stats);
    checkMalformed(stats, opts.maxMalformedShare);
  }
  return {
    stats,
    batches,
    inputs: inputsOnce,
    async *[Symbol.asyncIterator]() {
      for await (const b of batches()) yield* b;
    },
  };
}

export function newReadStats(): ReadStats {
  return { files: [], lines: 0, samples: 0, malformedLines: 0, malformed: [], truncatedLastLine: false };
}

/** Adds one part's counts to the run's; `lineOffset` turns part line numbers into file line numbers. */
export function addPartStats(stats: ReadStats, part: PartStats, lineOffset = 0, continues = false): void {
  const name = displayPath(part.path);
  let fs = continues ? stats.files[stats.files.length - 1] : undefined;
  if (!fs) {
    fs = { path: part.path, format: part.format, lines: 0, samples: 0, malformedLines: 0, truncatedLastLine: false };
    stats.files.push(fs);
  }
  fs.lines += part.lines;
  fs.samples += part.samples;
  fs.malformedLines += part.malformedLines;
  fs.truncatedLastLine ||= part.truncatedLastLine;
  stats.lines += part.lines;
  stats.samples += part.samples;
  stats.malformedLines += part.malformedLines;
  stats.truncatedLastLine ||= part.truncatedLastLine;
  for (const line of part.malformed)
    if (stats.malformed.length < MAX_REPORTED) stats.malformed.push({ file: name, line: line + lineOffset });
}

/** Throws when malformed lines exceed the limit (after the whole run is read). */
export function checkMalformed(stats: ReadStats, maxShare?: number): void {
  const limit = malformedLimit(stats.lines, maxShare);
  if (stats.malformedLines > limit) {
    const where = stats.malformed
      .slice(0, 3)
      .map((m) => `${m.file}:${m.line}`)
      .join(', ');
    throw new UsageError(
      `${stats.malformedLines} of ${stats.lines} lines are not k6 samples (first: ${where}); more than the ${limit} tolerated: expected k6 --out json or --out csv output`,
    );
  }
}

/** Collects points as Sample objects, a batch per block of lines. */
class SampleBatcher implements PointSink {
  batch: Sample[] = [];
  point(metric: MetricRef, timeMs: number, value: number, tags: TagSet): void {
    this.batch.push({ metric: metric.name, timeMs, value, tags: tags.tags });
  }
}

async function* readFile(path: string, stats: ReadStats): AsyncGenerator<Sample[]> {
  const sink = new SampleBatcher();
  const steps = readPart({ path }, new PointScanner(), sink);
  for (;;) {
    const r = await steps.next();
    if (sink.batch.length > 0) {
      yield sink.batch;
      sink.batch = [];
    }
    if (r.done) {
      addPartStats(stats, r.value);
      return;
    }
  }
}

export type { ResolvedInputs } from './read-inputs.js';
export type { RunManifest };
