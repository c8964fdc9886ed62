import type { RunAccumulator } from './accumulate.js';
import type { Summary } from './summary.js';

/**
 * Generator health. An open-model load generator must start each journey on schedule;
 * when it cannot (too few VUs, a saturated machine) the load it applied is not the
 * load planned, and the run understates what the portal would face.
 * Thresholds (stated in the README): any dropped iteration; start lateness p99 above
 * LATE_P99_MS; or more than LATE_SHARE of starts later than LATE_MS.
 */
export const LATE_P99_MS = 250;

export function generatorSection(a: RunAccumulator): Summary['generator'] {
  const warnings: string[] = [];
  const starts = a.lateness.count;
  const dropped = a.droppedIterations;
  if (dropped > 0) {
    const share =
      starts + dropped > 0 ? ` (${((100 * dropped) / (starts + dropped)).toFixed(1)} % of planned starts)` : '';
    warnings.push(
      `${dropped} iterations dropped${share}: the generator could not start them on time (too few VUs or a saturated machine); the applied load is below the plan`,
    );
  }
  const lateness = a.lateness.stats();
  if (lateness && lateness.p99 > LATE_P99_MS) {
    warnings.push(
      `journey starts were late: p99 ${lateness.p99.toFixed(0)} ms behind schedule (threshold ${LATE_P99_MS} ms); the generator is saturated, so arrivals and latencies may be distorted`,
    );
  }
  return { droppedIterations: dropped, lateness, warnings };
}
