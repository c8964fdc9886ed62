import type { RunAccumulator } from './accumulate.js';
import type { Summary } from './summary.js';

/** Rows a timeline holds at most: a longer run's rows each cover several seconds (`rowStep`). */
export const MAX_TIMELINE_ROWS = 100_000;
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 21_600, 43_200, 86_400];

/**
 * Seconds a timeline row covers for a run spanning `seconds`: 1 up to MAX_TIMELINE_ROWS
 * seconds (every run of hours), else the shortest round step that keeps the rows under
 * it. A simulated eoi-draw spans 214 days: 18.5 million rows of a second were a JSON
 * string past V8's limit (512 MB), and its summary could not be written.
 */
export function rowStep(seconds: number): number {
  for (const step of STEPS) if (Math.ceil(seconds / step) <= MAX_TIMELINE_ROWS) return step;
  return Math.ceil(seconds / MAX_TIMELINE_ROWS);
}

/**
 * Per-second series for the report, in seconds since time zero, every second from the
 * first to the last that saw a sample (gaps filled with zeros). In flight = journeys
 * started so far − journeys finished so far. A run longer than MAX_TIMELINE_ROWS seconds
 * gets a row every `step` seconds: its first second, the requests, ok responses and
 * starts per second over its seconds (means), and the journeys in flight at its end.
 */
export function timelineSection(a: RunAccumulator, shift: number): Summary['timeline'] {
  const toolkit = a.reqs > 0;
  const reqs = toolkit ? a.reqPerSecond : a.httpPerSecond;
  const journeys = a.toolkit && (a.startsPerSecond.rows.size > 0 || a.finishesPerSecond.rows.size > 0);
  const keys = [...reqs.rows.keys(), ...a.startsPerSecond.rows.keys(), ...a.finishesPerSecond.rows.keys()];
  const perSecond: Summary['timeline']['perSecond'] = [];
  let step = 1;
  if (keys.length > 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const k of keys) {
      if (k < lo) lo = k;
      if (k > hi) hi = k;
    }
    step = rowStep(hi - lo + 1);
    // The seconds that saw a sample, in order; a row sums those within it.
    const seconds = step === 1 ? [] : [...new Set(keys)].sort((x, y) => x - y);
    let next = 0;
    let inFlight = 0;
    // The current row's sums.
    let requests = 0;
    let ok = 0;
    let starts = 0;
    const add = (t: number) => {
      const st = a.startsPerSecond.get(t, 0);
      inFlight += st - a.finishesPerSecond.get(t, 0);
      requests += reqs.get(t, 0);
      ok += reqs.get(t, 1);
      starts += st;
    };
    for (let s = lo; s <= hi; s += step) {
      requests = 0;
      ok = 0;
      starts = 0;
      if (step === 1) add(s);
      else for (; next < seconds.length && (seconds[next] as number) < s + step; next++) add(seconds[next] as number);
      perSecond.push([
        s - shift,
        requests / step,
        ok / step,
        journeys ? starts / step : null,
        journeys ? Math.max(0, inFlight) : null,
      ]);
    }
  }
  const latency: Summary['timeline']['latency'] = [];
  for (const s of [...a.latencyPerSecondOp.keys()].sort((x, y) => x - y)) {
    const ops = a.latencyPerSecondOp.get(s);
    if (!ops) continue;
    for (const op of [...ops.keys()].sort()) {
      const h = ops.get(op);
      if (h && h.count > 0) latency.push([s - shift, op, h.quantileMs(0.5), h.quantileMs(0.95), h.quantileMs(0.99)]);
    }
  }
  return step === 1 ? { perSecond, latency } : { step, perSecond, latency };
}
