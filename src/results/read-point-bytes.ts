import type { MetricDeclaration } from './read-json-line.js';
import { bytesOf, type Bytes, Pattern } from './read-byte-match.js';
import { rfc3339FromBytes } from './read-time.js';
import { type NumberScan, scanNumber } from './read-number.js';
import { type MetricRef, MetricTable, type TagSet } from './read-tag-sets.js';

/**
 * One k6 `--out json` Point read straight from the bytes of its line, with no string
 * per line: the two field orders k6 has written (see parseJsonLine in read-json-line.ts)
 *   {"type":"Point","data":{"time":"…","value":N,"tags":{…}},"metric":"NAME"}   (older k6; our writer)
 *   {"metric":"NAME","type":"Point","data":{"time":"…","value":N,"tags":{…}}}   (k6 ≥ 0.4x, 1.x)
 * Accepts only lines the string fast path of parseJsonLine also accepts, and gives the
 * same metric, time, value and tags; returns false for anything else (a Metric line,
 * other key order, spaces, a `\r`, a name outside [A-Za-z0-9_], a time or number in
 * another spelling) and the caller hands the line to parseJsonLine.
 */
/** Where a reader puts each point it reads (the analyzer's accumulator, the sample batcher). */
export interface PointSink {
  point(metric: MetricRef, timeMs: number, value: number, tags: TagSet): void;
  /** A `Metric` declaration line (type, submetrics), before the metric's points in k6's files. */
  declare?(d: MetricDeclaration): void;
}

export interface ScannedPoint {
  metric: MetricRef;
  timeMs: number;
  value: number;
  tags: TagSet;
}

const POINT_HEAD = new Pattern('{"type":"Point","data":{"time":"');
const METRIC_HEAD = new Pattern('{"metric":"');
const METRIC_POINT = new Pattern('","type":"Point","data":{"time":"');
const METRIC_TAIL = new Pattern('}},"metric":"');
const VALUE_KEY = new Pattern('","value":');
const TAGS_KEY = new Pattern(',"tags":');
/** YYYY-MM-DDTHH:MM:SSZ, the shortest RFC 3339 time. */
const MIN_TIME = 20;

/** [A-Za-z0-9_] */
function nameByte(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Per read: interned metric names, each with its tag sets. */
export class PointScanner {
  readonly metrics = new MetricTable();
  private b: Bytes = bytesOf(Buffer.alloc(0));
  private readonly num: NumberScan = { value: 0, end: 0 };

  /** Fills `out` from the line buf[s, e) (no newline) and returns true, or returns false. */
  scan(buf: Buffer, s: number, e: number, out: ScannedPoint): boolean {
    let b = this.b;
    if (b.buf !== buf) this.b = b = bytesOf(buf);
    let timeStart: number;
    let tagsEnd: number;
    let nameStart: number;
    let nameEnd: number;
    let metric: MetricRef | undefined;
    const c2 = buf[s + 2];
    if (c2 === 116 /* {"t */ && POINT_HEAD.at(b, s)) {
      if (buf[e - 1] !== 125 || buf[e - 2] !== 34) return false;
      nameEnd = e - 2;
      metric = this.metrics.endingAt(b, s, nameEnd);
      if (metric) nameStart = nameEnd - metric.key.length;
      else {
        nameStart = nameEnd;
        while (nameStart > s && nameByte(buf[nameStart - 1] as number)) nameStart--;
      }
      if (nameStart === nameEnd || nameStart - 13 < s || !METRIC_TAIL.at(b, nameStart - 13)) return false;
      timeStart = s + 32;
      tagsEnd = nameStart - 12;
    } else if (c2 === 109 /* {"m */ && METRIC_HEAD.at(b, s)) {
      nameStart = s + 11;
      metric = this.metrics.startingAt(b, nameStart, e);
      if (metric) nameEnd = nameStart + metric.key.length;
      else {
        nameEnd = nameStart;
        while (nameEnd < e && nameByte(buf[nameEnd] as number)) nameEnd++;
      }
      if (nameEnd === nameStart || nameEnd + METRIC_POINT.length > e || !METRIC_POINT.at(b, nameEnd)) return false;
      if (buf[e - 1] !== 125 || buf[e - 2] !== 125 || buf[e - 3] !== 125) return false;
      timeStart = nameEnd + METRIC_POINT.length;
      tagsEnd = e - 2;
    } else {
      return false;
    }
    // The time ends at the first quote (RFC 3339 has none).
    let q = timeStart + MIN_TIME;
    const qMax = Math.min(tagsEnd, timeStart + 48);
    while (q < qMax && buf[q] !== 34) q++;
    if (q >= qMax || q + VALUE_KEY.length > tagsEnd || !VALUE_KEY.at(b, q)) return false;
    const num = this.num;
    if (!scanNumber(b, q + VALUE_KEY.length, tagsEnd, num)) return false;
    if (num.end + TAGS_KEY.length >= tagsEnd || !TAGS_KEY.at(b, num.end)) return false;
    const tagsStart = num.end + TAGS_KEY.length;
    const timeMs = rfc3339FromBytes(buf, b.dv, timeStart, q);
    if (Number.isNaN(timeMs)) return false;
    metric ??= this.metrics.get(b, nameStart, nameEnd);
    const tags = metric.tagSets.get(b, tagsStart, tagsEnd);
    if (tags === undefined) return false;
    out.metric = metric;
    out.timeMs = timeMs;
    out.value = num.value;
    out.tags = tags;
    return true;
  }
}
