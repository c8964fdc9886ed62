import { displayPath } from '../util/display-path.js';
import { UsageError } from '../util/usage-error.js';
import { LineTooLong, MAX_LINE_BYTES, readBlocks, type ByteRange } from './read-blocks.js';
import { CSV_HEAD, csvLayout, parseCsvLine, type CsvLayout } from './read-csv-line.js';
import { looksLikeK6Json, parseJsonLine, parseMetricDeclaration, type Sample } from './read-json-line.js';
import { utf8 } from './read-number.js';
import { nativeScanner } from './read-native.js';
import type { PointScanner, PointSink, ScannedPoint } from './read-point-bytes.js';
import { type MetricRef, ParsedTags, type TagSet } from './read-tag-sets.js';

/**
 * The per-file loop of the reader: lines of one file (or of a byte range of a plain
 * file) to points handed to a sink, with the file's counts.
 *
 *   readBlocks (whole lines, bytes) ─► PointScanner (fast shape, no string per line)
 *                                   └► else parseJsonLine | parseCsvLine (string path)
 *                                   ─► sink.point(metric, timeMs, value, tags)
 *
 * Semantics are those of the string reader it replaces, line for line: the first
 * non-blank line decides the format (or is a UsageError); blank lines are skipped;
 * a line that is not a k6 record is malformed (its 1-based number kept); an
 * unterminated last line that does not parse is a truncated write, not malformed.
 */

/** One file, or the part of a plain file from `range.start` (a line start) to `range.end`. */
export interface FilePart {
  path: string;
  range?: ByteRange;
  /** Required for a part that does not start the file: the format its first line decided (null: JSON). */
  format?: CsvLayout | null;
}

export interface PartStats {
  path: string;
  format: 'json' | 'csv';
  /** Lines in the part (for a whole file: the number of its last line). */
  lines: number;
  samples: number;
  malformedLines: number;
  /** Line numbers, counted from the part's first line, of the first MAX_REPORTED malformed lines. */
  malformed: number[];
  truncatedLastLine: boolean;
}

export const MAX_REPORTED = 20;

/** Reads a part into `sink`, pausing after each block of lines (yielding the bytes of the file read so far); returns its counts. */
export async function* readPart(
  part: FilePart,
  scanner: PointScanner,
  sink: PointSink,
): AsyncGenerator<number, PartStats> {
  const { path } = part;
  const name = displayPath(path);
  const fromStart = part.range === undefined || part.range.start === 0;
  let csv: CsvLayout | null | undefined = fromStart ? undefined : part.format;
  if (csv === undefined && !fromStart) throw new Error('readPart: a part from the middle of a file needs its format');
  const st: PartStats = {
    path,
    format: csv ? 'csv' : 'json',
    lines: 0,
    samples: 0,
    malformedLines: 0,
    malformed: [],
    truncatedLastLine: false,
  };
  const p: ScannedPoint = {
    metric: undefined as unknown as MetricRef,
    timeMs: 0,
    value: 0,
    tags: undefined as unknown as TagSet,
  };
  let lineNo = 0;
  const native = nativeScanner(scanner);
  try {
    for await (const block of readBlocks(path, part.range)) {
      const buf = block.bytes;
      const n = buf.length;
      // A line the native scanner left to this one: the byte reader, else the string path.
      const other = (buf: Buffer, lineStart: number, e: number, no: number): void => {
        if (!csv && scanner.scan(buf, lineStart, e, p)) {
          sink.point(p.metric, p.timeMs, p.value, p.tags);
          st.samples++;
          return;
        }
        let sample: Sample | 'metric' | null;
        if (csv) {
          const end = buf[e - 1] === 13 ? e - 1 : e;
          sample = parseCsvLine(utf8(buf, lineStart, end), csv);
        } else {
          sample = parseJsonLine(utf8(buf, lineStart, e));
        }
        if (sample === 'metric') {
          if (sink.declare) {
            const d = parseMetricDeclaration(utf8(buf, lineStart, e));
            if (d) sink.declare(d);
          }
          return;
        }
        if (sample === null) {
          if (block.unterminated && e === n) st.truncatedLastLine = true;
          else {
            st.malformedLines++;
            if (st.malformed.length < MAX_REPORTED) st.malformed.push(no);
          }
          return;
        }
        sink.point(scanner.metrics.named(sample.metric), sample.timeMs, sample.value, new ParsedTags(sample.tags));
        st.samples++;
      };
      let s = 0;
      while (s < n) {
        if (csv === null && native) {
          const r = native.block(buf, s, n, lineNo, sink, other);
          lineNo += r.lines;
          st.samples += r.samples;
          break;
        }
        let e = buf.indexOf(10, s);
        if (e < 0) e = n;
        lineNo++;
        const lineStart = s;
        s = e + 1;
        if (csv === undefined) {
          const text = utf8(buf, lineStart, e);
          if (text.trim().length === 0) continue;
          csv = detect(text, name, lineNo);
          st.format = csv ? 'csv' : 'json';
          if (csv) continue; // the header
        }
        if (e === lineStart) continue;
        // The byte reader inline (the hot path without the native scanner: a call to `other`
        // per line measured 3–5 % slower); `other` tries it again only on the rare line it declined.
        if (!csv && scanner.scan(buf, lineStart, e, p)) {
          sink.point(p.metric, p.timeMs, p.value, p.tags);
          st.samples++;
          continue;
        }
        other(buf, lineStart, e, lineNo);
      }
      yield block.fileBytes;
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof LineTooLong) {
      // A part from the middle of a file (the second thread's) knows its byte offset, not its line number.
      const where = fromStart ? `line ${lineNo + 1}` : `the line from byte ${e.offset}`;
      throw new UsageError(
        `${name}: ${where}: ${MAX_LINE_BYTES >> 20} MiB or more with no newline: expected k6 output, one record a line (k6 run --out json=FILE or --out csv=FILE)`,
      );
    }
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${name}: cannot read (${code ?? (e as Error).message}): expected a readable k6 output file${path.endsWith('.gz') ? ' (gzip)' : ''}`,
    );
  }
  if (csv === undefined)
    throw new UsageError(`${name}: empty file: expected k6 output (k6 run --out json=FILE or --out csv=FILE)`);
  st.lines = lineNo;
  return st;
}

/** The format from the first non-blank line: a CSV layout, null for JSON, or a UsageError. */
export function detect(line: string, name: string, lineNo: number): CsvLayout | null {
  if (line.startsWith(CSV_HEAD)) {
    const l = csvLayout(line.trimEnd());
    if (l) return l;
  }
  if (looksLikeK6Json(line)) return null;
  throw new UsageError(
    `${name}: line ${lineNo} is not k6 output: expected k6 --out json lines ({"type":"Metric"|"Point",…}) or a k6 --out csv header (metric_name,timestamp,metric_value,…)`,
  );
}

/** Runs readPart to its end; `onBlock` hears the bytes of the file read so far after each block. */
export async function readWholePart(
  part: FilePart,
  scanner: PointScanner,
  sink: PointSink,
  onBlock?: (fileBytes: number) => void,
): Promise<PartStats> {
  const steps = readPart(part, scanner, sink);
  for (;;) {
    const r = await steps.next();
    if (r.done) return r.value;
    onBlock?.(r.value);
  }
}
