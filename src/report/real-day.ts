import type { Summary } from '../analyze/summary.js';
import { count, duration, num } from './format.js';

/**
 * A rehearsal on one machine is a scaled-down, time-compressed day (DESIGN.md, "Scale is
 * explicit"): `scale` of the population and quota, replayed `timeScale` times faster.
 * Arrivals, think times, polling and patience are compressed (src/scenario/normalize.ts,
 * src/journey/machine.ts); the portal's service times are not. So a time of the day in
 * the run (when places went, how long a candidate took) reads as the real day's time
 * multiplied by `timeScale`, approximately (the uncompressed service time in it is
 * multiplied too); a latency or a rate per second does not.
 */
export interface DayScale {
  scale: number;
  timeScale: number;
}

/** The run's scale and time scale; null for a run at full scale in real time, or without a manifest. */
export function dayScale(s: Summary): DayScale | null {
  const scale = s.source.scale ?? 1;
  const timeScale = s.source.timeScale ?? 1;
  return scale === 1 && timeScale === 1 ? null : { scale, timeScale };
}

/** 0.0357… → "1/28"; 0.25 → "1/4"; 0.3 → "30 %". */
export function scaleWords(scale: number): string {
  if (scale >= 1) return scale === 1 ? 'full' : `${num(scale, 2)}×`;
  const inv = 1 / scale;
  return Math.abs(inv - Math.round(inv)) < 0.01 * inv ? `1/${count(Math.round(inv))}` : `${num(scale * 100, 1)} %`;
}

/** A time of the run as the real day's: "3.2 s (≈ 38 min of the real day)"; just the run's time when not compressed. */
export function withRealDay(ms: number, s: Summary): string {
  const ts = s.source.timeScale ?? 1;
  return ts === 1 ? duration(ms) : `${duration(ms)} (≈ ${duration(ms * ts)} of the real day)`;
}

/**
 * The sentences that open a scaled or compressed run's report: what it stood for, and
 * what it can and cannot tell. Empty for a full-scale, real-time run.
 */
export function scaleSentences(s: Summary): string[] {
  const d = dayScale(s);
  if (!d) return [];
  const { scale, timeScale } = d;
  const parts: string[] = [];
  const pop = s.source.population;
  const size = s.quota?.size ?? null;
  const who = [
    pop !== undefined && scale !== 1
      ? `${count(pop)} candidates for the real day's ${count(Math.round(pop / scale))}`
      : null,
    size !== null && scale !== 1 ? `${count(size)} places for ${count(Math.round(size / scale))}` : null,
  ].filter((x) => x !== null);
  const head =
    scale !== 1 && timeScale !== 1
      ? `This was a ${scaleWords(scale)} scale rehearsal replayed ${num(timeScale)}× faster than the real day`
      : scale !== 1
        ? `This was a ${scaleWords(scale)} scale rehearsal in real time`
        : `This rehearsal replayed the day ${num(timeScale)}× faster, at full scale`;
  parts.push(
    `${head}${who.length ? ` (${who.join(', ')})` : ''}` +
      (timeScale !== 1
        ? `: its ${duration(s.durationMs)} stand for about ${duration(s.durationMs * timeScale)} of the real day.`
        : '.'),
  );
  if (timeScale !== 1) {
    const intensity = scale * timeScale;
    parts.push(
      `Times of the day (fill time, time to outcome, the charts' time axes) are given in the real day's terms beside the rehearsal's: ` +
        `the rehearsal's time × ${num(timeScale)}. Service times are not compressed, so the portal answered each request as fast as it would on the day ` +
        `while candidates arrived ${intensity >= 1 ? `${num(intensity, 1)} times as fast as the real day's` : `at ${num(intensity * 100, 1)} % of the real day's rate`}` +
        ` (scale × time scale). The rehearsal tells the order of events, who got in, and how the portal's admission rules held under a rush of that intensity; ` +
        `it cannot tell the real day's latency, requests per second or queue lengths, which depend on the real day's arrival rate, and real-day times are approximate where they include time being served rather than waiting.`,
    );
  } else {
    parts.push(
      `Counts (candidates, places, requests) stand for ${num(1 / scale, 1)} times as many on the real day; latencies and times are the rehearsal's own.`,
    );
  }
  return parts;
}
