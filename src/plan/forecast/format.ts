import { count, duration, num, pct } from '../../report/format.js';
import type { Forecast } from './forecast.js';

/** A forecast as aligned lines for the terminal; times in run time and, beside them, the real day's. */
export function formatForecast(f: Forecast): string {
  const ts = f.scenario.timeScale;
  const t = (ms: number) => (ts === 1 ? duration(ms) : `${duration(ms)} (real ${duration(ms * ts)})`);
  const p = f.point;
  const mc = f.monteCarlo;
  const rows: Array<[string, string]> = [
    [
      'scenario',
      `${f.scenario.name}: ${count(f.scenario.population)} candidates${f.scenario.quota !== null ? `, quota ${count(f.scenario.quota)}` : ''} (scale ${num(f.scenario.scale, 4)}, ${num(ts, 0)}× real time)`,
    ],
    [
      'capacity',
      `${num(f.capacity.perSec, 1)} requests/s (${f.capacity.source}); excess ${f.capacity.admission === 'reject' ? `turned away at ${f.capacity.slots} admitted at once` : 'queued'}`,
    ],
  ];
  if (f.scenario.quota !== null) {
    rows.push([
      'quota fill time',
      p.quotaFillMs === null
        ? `not filled (${count(p.accepted)} accepted)`
        : `${t(p.quotaFillMs)} after the opening; 90 % band ${mc.quotaFillMs ? `${duration(mc.quotaFillMs.p5)}–${duration(mc.quotaFillMs.p95)}` : '—'} (filled in ${pct(mc.filledShare)} of ${mc.runs} runs)`,
    ]);
  }
  rows.push(
    [
      'retry amplification',
      `${num(p.retryAmplification, 2)} attempts per candidate (90 % band ${num(mc.retryAmplification.p5, 2)}–${num(mc.retryAmplification.p95, 2)})`,
    ],
    [
      'peak attempts',
      `${num(Math.max(...f.series.map((r) => r[2])), 1)}/s against ${num(f.capacity.perSec, 1)}/s capacity`,
    ],
    [
      'turned away',
      `${count(p.turnedAway)} candidates (${count(p.quotaFull)} at the quota, ${count(p.gaveUp)} gave up; 90 % band ${count(mc.turnedAway.p5)}–${count(mc.turnedAway.p95)})`,
    ],
    ['abandonment', `${pct(p.abandonment)} (90 % band ${pct(mc.abandonment.p5)}–${pct(mc.abandonment.p95)})`],
    [
      'waiting room',
      `admitting ${num(f.waitingRoom.admitPerSec, 1)}/s: FCFS wait mean ${t(f.waitingRoom.fcfs.meanMs)}, p95 ${t(f.waitingRoom.fcfs.p95Ms)}; shuffled pre-queue (${count(f.waitingRoom.preQueue)} waiting at the opening) mean ${t(f.waitingRoom.shuffled.meanMs)}, p95 ${t(f.waitingRoom.shuffled.p95Ms)}`,
    ],
    ['overload after surge', t(p.overloadedAfterSurgeMs)],
    ['bistable', `${f.bistability.bistable ? 'YES' : 'no'}: ${f.bistability.explanation}`],
  );
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n';
}
