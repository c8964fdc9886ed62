import { relative } from 'node:path';
import { UsageErrorLike } from '../util/usage-error.js';
import type { RunManifest } from './manifest.js';
import { csvLayout, CSV_HEAD, parseCsvLine, type CsvLayout } from './read-csv-line.js';
import { resolveInputs, type ResolvedInputs } from './read-inputs.js';
import { looksLikeK6Json, parseJsonLine, type Sample } from './read-json-line.js';
import { readLineBatches } from './read-lines.js';

export type { Sample } from './read-json-line.js';

/**
 * Streaming reader of a run's samples: k6 `--out json` NDJSON or `--out csv`, plain or
 * gzip, one file or several (segments, pods: merged by concatenation, so no order
 * across files is assumed), or a run directory with its manifest.
 *
 *   inputs ─► resolveInputs (manifest, files) ─► readLineBatches (1 MiB chunks)
 *          ─► parseJsonLine | parseCsvLine ─► Sample[] batches ─► caller
 *
 * Bad input never crashes it: a line that is not a k6 record is counted (with its line
 * number, the first MAX_REPORTED kept); an unterminated last line that does not parse is
 * a truncated write and is reported, not counted. An empty file, or one whose first line
 * is neither k6 JSON nor a k6 CSV header, is a UsageErrorLike (one line, exit 2); so is a
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

export const MAX_REPORTED = 20;
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
  const stats: ReadStats = { files: [], lines: 0, samples: 0, malformedLines: 0, malformed: [], truncatedLastLine: false };
  let resolved: Promise<ResolvedInputs> | undefined;
  const inputsOnce = () => (resolved ??= resolveInputs(inputs));
  async function* batches(): AsyncGenerator<Sample[]> {
    const r = await inputsOnce();
    for (const file of r.files) yield* readFile(file, stats);
    const limit = malformedLimit(stats.lines, opts.maxMalformedShare);
    if (stats.malformedLines > limit) {
      const where = stats.malformed.slice(0, 3).map((m) => `${m.file}:${m.line}`).join(', ');
      throw new UsageErrorLike(
        `${stats.malformedLines} of ${stats.lines} lines are not k6 samples (first: ${where}); more than the ${limit} tolerated: expected k6 --out json or --out csv output`,
      );
    }
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

function display(path: string): string {
  const r = relative(process.cwd(), path);
  return r && !r.startsWith('..') ? r : path;
}

async function* readFile(path: string, stats: ReadStats): AsyncGenerator<Sample[]> {
  const name = display(path);
  const fs: FileStats = { path, format: 'json', lines: 0, samples: 0, malformedLines: 0, truncatedLastLine: false };
  stats.files.push(fs);
  let csv: CsvLayout | null | undefined; // undefined: format not known yet
  const bad = (line: number) => {
    fs.malformedLines++;
    stats.malformedLines++;
    if (stats.malformed.length < MAX_REPORTED) stats.malformed.push({ file: name, line });
  };
  try {
    for await (const batch of readLineBatches(path)) {
      const out: Sample[] = [];
      const { lines, firstLine } = batch;
      for (let i = 0; i < lines.length; i++) {
        let line = lines[i] as string;
        const lineNo = firstLine + i;
        if (csv === undefined) {
          if (line.trim().length === 0) continue;
          csv = detect(line, name, lineNo);
          fs.format = csv ? 'csv' : 'json';
          fs.lines = lineNo;
          if (csv) continue; // the header
        } else {
          fs.lines = lineNo;
        }
        if (line.length === 0) continue;
        let s: Sample | 'metric' | null;
        if (csv) {
          if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
          s = parseCsvLine(line, csv);
        } else {
          s = parseJsonLine(line);
        }
        if (s === 'metric') continue;
        if (s === null) {
          if (batch.unterminated) {
            fs.truncatedLastLine = true;
            stats.truncatedLastLine = true;
          } else {
            bad(lineNo);
          }
          continue;
        }
        out.push(s);
      }
      fs.samples += out.length;
      stats.samples += out.length;
      if (out.length > 0) yield out;
    }
  } catch (e) {
    if (e instanceof UsageErrorLike) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageErrorLike(`${name}: cannot read (${code ?? (e as Error).message}): expected a readable k6 output file${path.endsWith('.gz') ? ' (gzip)' : ''}`);
  } finally {
    stats.lines += fs.lines;
  }
  if (csv === undefined) throw new UsageErrorLike(`${name}: empty file: expected k6 output (k6 run --out json=FILE or --out csv=FILE)`);
}

/** The format from the first non-blank line: a CSV layout, null for JSON, or a UsageErrorLike. */
function detect(line: string, name: string, lineNo: number): CsvLayout | null {
  if (line.startsWith(CSV_HEAD)) {
    const l = csvLayout(line.trimEnd());
    if (l) return l;
  }
  if (looksLikeK6Json(line)) return null;
  throw new UsageErrorLike(
    `${name}: line ${lineNo} is not k6 output: expected k6 --out json lines ({"type":"Metric"|"Point",…}) or a k6 --out csv header (metric_name,timestamp,metric_value,…)`,
  );
}

export type { ResolvedInputs } from './read-inputs.js';
export type { RunManifest };
