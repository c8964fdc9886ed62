import { cdfAt, curveDistribution, monotoneQuantile } from '../../scenario/curve.js';
import type { Random } from '../../compare/stats/random.js';

export interface WaitingRoomWaits {
  admitPerSec: number;
  /** First come, first served from the opening. */
  fcfs: { meanMs: number; p95Ms: number };
  /** Those who queued before the opening take a random place among themselves (a shuffled pre-queue); later arrivals queue behind them. */
  shuffled: { meanMs: number; p95Ms: number };
  /** Candidates already waiting at the opening. */
  preQueue: number;
}

/**
 * Waits in a waiting room that admits `admitPerSec` from the opening, everyone arriving on
 * the scenario's curve queueing once (no retries: a waiting room holds its place). The
 * departure of the i-th in line is D_i = max(t_i, D_{i−1} + 1/μ), D_0 = max(t_0, opening)
 * (Lindley's recursion for a deterministic server); a shuffled pre-queue (Queue-it's
 * randomisation at the opening) gives those who came early a uniformly random place among
 * themselves. Arrival times are the curve's quantiles at (i + ½)/N, so the figures are
 * those of the fluid limit; the shuffle is drawn from the seeded `rng`.
 * Cost O(N log N) for N candidates (capped at 200,000 evenly spaced representatives).
 */
export function waitingRoomWaits(
  curve: ReadonlyArray<{ atMs: number; rate: number }>,
  windowMs: number,
  openingMs: number,
  population: number,
  admitPerSec: number,
  rng: Random,
): WaitingRoomWaits {
  const dist = curveDistribution(curve, windowMs);
  const m = Math.max(1, Math.min(200_000, Math.round(population)));
  const q = monotoneQuantile(dist);
  const times = Array.from({ length: m }, (_, i) => q((i + 0.5) / m));
  // Each representative stands for population/m people: the server takes that long for them.
  const step = (population / m) * (1000 / admitPerSec);
  const pre = Math.round(m * cdfAt(dist, openingMs));
  const lindley = (order: number[]): number[] => {
    const waits = new Array<number>(m);
    let last = -Infinity;
    for (const i of order) {
      const t = times[i] as number;
      const d = Math.max(t, openingMs, last + step);
      waits[i] = d - t;
      last = d;
    }
    return waits;
  };
  const fcfs = lindley(times.map((_, i) => i));
  const shuffledOrder = times.map((_, i) => i);
  for (let i = pre - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [shuffledOrder[i], shuffledOrder[j]] = [shuffledOrder[j] as number, shuffledOrder[i] as number];
  }
  const shuffled = lindley(shuffledOrder);
  const stats = (w: number[]) => {
    const sorted = Float64Array.from(w).sort();
    return {
      meanMs: w.reduce((a, v) => a + v, 0) / w.length,
      p95Ms: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] as number,
    };
  };
  return { admitPerSec, fcfs: stats(fcfs), shuffled: stats(shuffled), preQueue: (pre / m) * population };
}
