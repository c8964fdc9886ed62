import { parseRfc3339 } from './read-time.js';
import { EMPTY_TAGS, stringValues } from './read-tag-sets.js';

/** One sample of a run, whatever file format it came from. */
export interface Sample {
  metric: string;
  /** Epoch ms, with the sub-millisecond part. */
  timeMs: number;
  value: number;
  /** Tag values are strings, as in k6. Shared between samples with the same tags: read-only. */
  tags: Readonly<Record<string, string>>;
}

/** A k6 `Metric` declaration line: the metric's type, and the submetrics thresholds asked for. */
export interface MetricDeclaration {
  name: string;
  type: 'counter' | 'gauge' | 'rate' | 'trend';
  contains: string;
  submetrics: Array<{ name: string; tags: Record<string, string> }>;
}

/** What one line of k6 `--out json` holds. */
export type JsonLine = Sample | 'metric' | null;

const POINT_HEAD = '{"type":"Point","data":{"time":"';
const METRIC_HEAD = '{"metric":"';
const METRIC_POINT = '","type":"Point","data":{"time":"';
const VALUE_KEY = '","value":';
const TAGS_KEY = ',"tags":';
const METRIC_KEY = ',"metric":"';

/**
 * Tag sets repeat (a run has few distinct op × class × status × country), so the
 * parsed object is cached by its JSON text, in a direct-mapped table indexed by a
 * cheap fingerprint (length and a few characters) and confirmed by string equality:
 * hashing a whole 150-character string in a Map costs more than the rest of the line.
 * Fixed size, so per-candidate tags (never repeated) cannot grow memory; they only
 * evict a common set now and then, which is parsed again.
 */
const SLOTS = 4096;
const slotKey: Array<string | undefined> = new Array<string | undefined>(SLOTS);
const slotTags: Array<Readonly<Record<string, string>> | undefined> = new Array<
  Readonly<Record<string, string>> | undefined
>(SLOTS);

function fingerprint(s: string): number {
  const n = s.length;
  let h = n * 31;
  // Tag values differ most in the middle and end (op, class, status, country).
  h = (h * 33) ^ s.charCodeAt(n >> 1);
  h = (h * 33) ^ s.charCodeAt((n * 3) >> 2);
  h = (h * 33) ^ s.charCodeAt(n - 3);
  h = (h * 33) ^ s.charCodeAt(n - 8);
  h = (h * 33) ^ s.charCodeAt(n >> 2);
  h = (h * 33) ^ s.charCodeAt((n * 5) >> 3);
  return (h ^ (h >>> 13)) & (SLOTS - 1);
}

function tagsOf(json: string): Readonly<Record<string, string>> | null {
  const slot = fingerprint(json);
  if (slotKey[slot] === json) return slotTags[slot] as Readonly<Record<string, string>>;
  const parsed: unknown = JSON.parse(json);
  if (parsed === null) return EMPTY;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const t = stringValues(parsed as Record<string, unknown>);
  // `json` is a slice of a 1 MiB chunk and would keep the whole chunk alive: key by a flat copy.
  slotKey[slot] = (' ' + json).slice(1);
  slotTags[slot] = t;
  return t;
}

const EMPTY = EMPTY_TAGS;

/**
 * Parses one line of k6 `--out json`. Returns a Sample for a Point, 'metric' for a
 * Metric declaration, and null for anything that is not a k6 line (the caller counts it
 * as malformed). Throws nothing.
 *
 * Fast paths for the two field orders k6 has written a Point in:
 *   {"metric":"NAME","type":"Point","data":{"time":"…","value":N,"tags":{…}}}   (k6 ≥ 0.4x, 1.x)
 *   {"type":"Point","data":{"time":"…","value":N,"tags":{…}},"metric":"NAME"}   (older k6; our writer)
 * The fields are cut out by position and only the tags go through JSON.parse
 * (cached). Any line that
 * does not match that exact shape — other key order, a metadata field, odd spacing —
 * falls back to JSON.parse of the whole line, so the result never depends on the path.
 */
export function parseJsonLine(line: string): JsonLine {
  if (line.startsWith(POINT_HEAD)) {
    const fast = fastPoint(line);
    if (fast) return fast;
  } else if (line.startsWith(METRIC_HEAD)) {
    const fast = fastMetricFirst(line);
    if (fast) return fast;
  }
  return slowLine(line);
}

function fastMetricFirst(line: string): Sample | null {
  const nameEnd = line.indexOf(METRIC_POINT, METRIC_HEAD.length);
  if (nameEnd < 0) return null;
  const metric = line.slice(METRIC_HEAD.length, nameEnd);
  if (metric.length === 0 || metric.includes('"')) return null;
  const timeStart = nameEnd + METRIC_POINT.length;
  // The line ends with the tags object, then `}}` (data, envelope).
  if (!line.endsWith('}}}')) return null;
  return fields(line, metric, timeStart, line.length - 2);
}

function fastPoint(line: string): Sample | null {
  // The line ends with `}},"metric":"NAME"}`; metric names are [A-Za-z0-9_] (k6 enforces it).
  const metricAt = line.lastIndexOf(METRIC_KEY);
  if (metricAt < 0 || !line.endsWith('"}')) return null;
  if (line.charCodeAt(metricAt - 1) !== 125 || line.charCodeAt(metricAt - 2) !== 125) return null;
  const metric = line.slice(metricAt + METRIC_KEY.length, line.length - 2);
  if (metric.length === 0 || metric.includes('"')) return null;
  return fields(line, metric, POINT_HEAD.length, metricAt - 1);
}

/** time, value and tags of a Point whose time starts at `timeStart` and whose tags object ends just before `tagsEnd`. */
function fields(line: string, metric: string, timeStart: number, tagsEnd: number): Sample | null {
  const timeEnd = line.indexOf(VALUE_KEY, timeStart);
  if (timeEnd < 0) return null;
  const valueStart = timeEnd + VALUE_KEY.length;
  const valueEnd = line.indexOf(TAGS_KEY, valueStart);
  if (valueEnd < 0) return null;
  const tagsStart = valueEnd + TAGS_KEY.length;
  if (tagsEnd <= tagsStart) return null;
  const timeMs = parseRfc3339(line.slice(timeStart, timeEnd));
  if (Number.isNaN(timeMs)) return null;
  const valueText = line.slice(valueStart, valueEnd);
  const value = valueText.length === 0 ? Number.NaN : Number(valueText);
  if (!Number.isFinite(value)) return null;
  let tags: Readonly<Record<string, string>> | null;
  try {
    tags = tagsOf(line.slice(tagsStart, tagsEnd));
  } catch {
    return null;
  }
  if (!tags) return null;
  return { metric, timeMs, value, tags };
}

function slowLine(line: string): JsonLine {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null) return null;
  const env = o as { type?: unknown; metric?: unknown; data?: unknown };
  if (env.type === 'Metric' && typeof env.metric === 'string') return 'metric';
  if (env.type !== 'Point' || typeof env.metric !== 'string' || typeof env.data !== 'object' || env.data === null)
    return null;
  const d = env.data as { time?: unknown; value?: unknown; tags?: unknown };
  if (typeof d.time !== 'string' || typeof d.value !== 'number') return null;
  const timeMs = parseRfc3339(d.time);
  if (Number.isNaN(timeMs)) return null;
  let tags: Readonly<Record<string, string>> = EMPTY;
  if (d.tags !== undefined && d.tags !== null) {
    if (typeof d.tags !== 'object' || Array.isArray(d.tags)) return null;
    tags = stringValues(d.tags as Record<string, unknown>);
  }
  // k6 ≥ 0.45 writes high-cardinality values (a VU's metadata, the toolkit's candidate,
  // arrival and attempts) as `metadata` beside the tags; they are read as tags (a tag of
  // the same name wins). Every other reader path declines such a line, so it comes here.
  const md = (d as { metadata?: unknown }).metadata;
  if (md !== undefined && md !== null) {
    if (typeof md !== 'object' || Array.isArray(md)) return null;
    tags = Object.freeze({ ...stringValues(md as Record<string, unknown>), ...tags });
  }
  return { metric: env.metric, timeMs, value: d.value, tags };
}

/** The declaration a `Metric` line holds, or null when the line is not one k6 could have written. */
export function parseMetricDeclaration(line: string): MetricDeclaration | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  const d = (o as { data?: { name?: unknown; type?: unknown; contains?: unknown; submetrics?: unknown } } | null)?.data;
  if (!d || typeof d.name !== 'string' || !['counter', 'gauge', 'rate', 'trend'].includes(d.type as string))
    return null;
  const subs = Array.isArray(d.submetrics) ? d.submetrics : [];
  return {
    name: d.name,
    type: d.type as MetricDeclaration['type'],
    contains: typeof d.contains === 'string' ? d.contains : 'default',
    submetrics: subs.flatMap((x: { name?: unknown; tags?: unknown }) =>
      typeof x?.name === 'string' && typeof x.tags === 'object' && x.tags !== null
        ? [{ name: x.name, tags: stringValues(x.tags as Record<string, unknown>) }]
        : [],
    ),
  };
}

/** Whether a first line looks like k6 JSON output at all (for the "not k6 output" error). */
export function looksLikeK6Json(line: string): boolean {
  return /^\s*\{/.test(line) && /"type"\s*:\s*"(Metric|Point)"/.test(line);
}
