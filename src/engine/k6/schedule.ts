import type { ArrivalStages } from './stages.js';

/**
 * When k6 starts each iteration of a ramping-arrival-rate scenario, in ms from the
 * scenario's start: iteration i (1-based) starts when the integral of the rate
 * reaches i. Within a linear ramp from rate a to rate b over d, the integral at x is
 * a·x + (b−a)·x²/(2d); solving for x gives k6's own formula
 * (lib/executor/ramping_arrival_rate.go, `cal`):
 *
 *   x = (a·d − √(d·(a²·d + 2·i'·(b−a)))) / (a − b),   i' = i − done before the stage
 *
 * and x = i'/a on a flat stage. Used to give each candidate's arrival a lead over
 * the iteration that carries it. O(N + stages).
 */
export function iterationStartTimes(s: Pick<ArrivalStages, 'startRate' | 'stages' | 'unitMs' | 'stageMs'>, count: number): Float64Array {
  const out = new Float64Array(count);
  let n = 0;
  let i = 1;
  let from = s.startRate / s.unitMs;
  let done = 0;
  let end = 0;
  let stageStart = 0;
  for (let k = 0; k < s.stages.length && n < count; k++) {
    const to = (s.stages[k]?.target ?? 0) / s.unitMs;
    const d = s.stageMs[k] ?? 0;
    if (from !== to) {
      end += d * ((to - from) / 2 + from);
      for (; i <= end && n < count; i++) {
        const x = (from * d - Math.sqrt(Math.max(0, d * (from * from * d + 2 * (i - done) * (to - from))))) / (from - to);
        out[n++] = stageStart + x;
      }
    } else {
      end += d * to;
      for (; i <= end && n < count; i++) out[n++] = stageStart + (i - done) / to;
    }
    done = end;
    from = to;
    stageStart += d;
  }
  return out.subarray(0, n);
}
