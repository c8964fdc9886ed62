/**
 * The one interchange format: k6's `--out json` NDJSON.
 *
 *   {"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default","thresholds":[],"submetrics":null},"metric":"http_reqs"}
 *   {"type":"Point","data":{"time":"2026-01-18T09:00:00.123Z","value":1,"tags":{"op":"createAccount"}},"metric":"http_reqs"}
 *
 * Every engine writes k6's own metrics (so plain k6 tooling reads our runs) and the
 * toolkit's metrics below (so our analyzer reads k6 runs of our bundled script).
 * Tag values are strings, as in k6. Pure: the k6 bundle imports the names.
 */

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';
export type MetricContains = 'default' | 'time' | 'data';

export interface MetricLine {
  type: 'Metric';
  metric: string;
  data: { name: string; type: MetricType; contains: MetricContains; thresholds: string[]; submetrics: null };
}

export interface PointLine {
  type: 'Point';
  metric: string;
  data: { time: string; value: number; tags: Record<string, string> };
}

/** k6 built-in metrics the engines emit. */
export const K6_METRICS = {
  http_reqs: { type: 'counter', contains: 'default' },
  http_req_duration: { type: 'trend', contains: 'time' },
  http_req_failed: { type: 'rate', contains: 'default' },
  iterations: { type: 'counter', contains: 'default' },
  iteration_duration: { type: 'trend', contains: 'time' },
  dropped_iterations: { type: 'counter', contains: 'default' },
  vus: { type: 'gauge', contains: 'default' },
} as const satisfies Record<string, { type: MetricType; contains: MetricContains }>;

/**
 * The toolkit's own metrics.
 * - `rehearsal_req`: one point per request; value = latency in ms measured from the
 *   intended send time; tags op, class, status (and cause for errors).
 * - `rehearsal_journey`: one point per finished journey at its finish time; value =
 *   time to outcome in ms from arrival; tags outcome, candidate, arrival (0-based
 *   arrival order), attempts, country; in scenarios with an invitation round also
 *   score, eligible ("true"/"false", judged from the population) and invited. The k6
 *   engine writes the per-candidate values (candidate, arrival, attempts, score) as
 *   sample `metadata` instead of tags (k6 makes a time series per tag set); readers
 *   take metadata as tags.
 * - `rehearsal_invited` (k6 engine): one point per candidate an invitation round
 *   invited, value 1, metadata candidate and arrival (or one point of value 0 when it
 *   invited nobody): the k6 engine's journey points carry score and eligible but cannot
 *   wait for the round, so the analyzer takes their `invited` from these.
 * - `rehearsal_req_agg` (`--http-samples summary` instead of per-request points): one
 *   point per second × op × class × status; value = request count; tags op, class,
 *   status and `hdr`, the latencies (µs, from intended send) as a compressed base64
 *   HdrHistogram (V2 encoding) that merges exactly.
 * - `rehearsal_lateness`: one point per journey start; value = ms the start was late
 *   against its schedule (generator health).
 */
export const TOOLKIT_METRICS = {
  rehearsal_req: { type: 'trend', contains: 'time' },
  rehearsal_req_agg: { type: 'counter', contains: 'default' },
  rehearsal_journey: { type: 'trend', contains: 'time' },
  rehearsal_lateness: { type: 'trend', contains: 'time' },
} as const satisfies Record<string, { type: MetricType; contains: MetricContains }>;

export const ALL_METRICS = { ...K6_METRICS, ...TOOLKIT_METRICS };
export type MetricName = keyof typeof ALL_METRICS;

export function metricLine(name: MetricName): string {
  const m = ALL_METRICS[name];
  const line: MetricLine = {
    type: 'Metric',
    metric: name,
    data: { name, type: m.type, contains: m.contains, thresholds: [], submetrics: null },
  };
  return JSON.stringify(line);
}

/** Serializes one sample; `epochMs` may carry fractions of a millisecond (kept to µs). */
export function pointLine(name: MetricName, epochMs: number, value: number, tags: Record<string, string>): string {
  return pointLineRaw(name, epochMs, value, JSON.stringify(tags));
}

/** As `pointLine`, with the tags already serialized as a JSON object. */
export function pointLineRaw(name: MetricName, epochMs: number, value: number, tagsJson: string): string {
  return `{"type":"Point","data":{"time":"${isoTime(epochMs)}","value":${Number.isFinite(value) ? value : 0},"tags":${tagsJson}},"metric":"${name}"}`;
}

/** RFC 3339 with microseconds, as k6 writes (k6 uses nanoseconds and a local offset; both parse the same). */
let lastWhole = Number.NaN;
let lastBase = '';

export function isoTime(epochMs: number): string {
  const whole = Math.floor(epochMs);
  const micros = Math.min(999, Math.round((epochMs - whole) * 1000));
  // Samples arrive in bursts within the same millisecond: format the date once.
  if (whole !== lastWhole) {
    lastWhole = whole;
    lastBase = new Date(whole).toISOString().slice(0, 23); // 2026-01-18T09:00:00.123
  }
  return `${lastBase}${micros < 10 ? '00' : micros < 100 ? '0' : ''}${micros}Z`;
}

/** Parses k6's RFC 3339 times (any fraction length, any offset) to epoch ms with sub-ms precision. */
export function parseTime(time: string): number {
  const m = /^(.{19})(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(time);
  if (!m) return Number.NaN;
  const whole = Date.parse(`${m[1]}${m[3]}`);
  const frac = m[2] ? Number(`0.${m[2]}`) * 1000 : 0;
  return whole + frac;
}
