import type { RunAccumulator } from './accumulate.js';
import type { Summary } from './summary.js';

/**
 * Per-second series for the report, in seconds since time zero, every second from the
 * first to the last that saw a sample (gaps filled with zeros). In flight = journeys
 * started so far − journeys finished so far.
 */
export function timelineSection(a: RunAccumulator, shift: number): Summary['timeline'] {
  const toolkit = a.reqs > 0;
  const reqs = toolkit ? a.reqPerSecond : a.httpPerSecond;
  const journeys = a.toolkit && (a.startsPerSecond.rows.size > 0 || a.finishesPerSecond.rows.size > 0);
  const keys = [...reqs.rows.keys(), ...a.startsPerSecond.rows.keys(), ...a.finishesPerSecond.rows.keys()];
  const perSecond: Summary['timeline']['perSecond'] = [];
  if (keys.length > 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const k of keys) {
      if (k < lo) lo = k;
      if (k > hi) hi = k;
    }
    let inFlight = 0;
    for (let s = lo; s <= hi; s++) {
      const starts = a.startsPerSecond.get(s, 0);
      inFlight += starts - a.finishesPerSecond.get(s, 0);
      perSecond.push([
        s - shift,
        reqs.get(s, 0),
        reqs.get(s, 1),
        journeys ? starts : null,
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
  return { perSecond, latency };
}
