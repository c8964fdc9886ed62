import type { JourneyColumns } from './accumulate.js';
import { downsample, round } from './downsample.js';
import { eoiCheck } from './eoi.js';
import { kendallTauB } from './kendall.js';
import { select } from './select.js';
import type { Summary } from './summary.js';

/**
 * First-come-first-served fairness over finished journeys:
 * - Kendall's tau-b between arrival order (the `arrival` tag) and acceptance order
 *   (the finish time of each accepted journey), over accepted candidates: 1 when
 *   places went exactly in arrival order, 0 when acceptance order is unrelated to it.
 * - inversions: pairs of accepted candidates accepted in the opposite order of arrival
 *   (the discordant pairs of the tau).
 * - firstQAcceptedShare: of the Q earliest arrivals (Q = quota, else the accepted count),
 *   the share that was accepted; 1 for a perfectly first-come-first-served portal.
 */
export function fairnessSection(j: JourneyColumns, quota: number | null): Summary['fairness'] {
  if (j.length === 0) return null;
  const arr: number[] = [];
  const fin: number[] = [];
  const acc = j.outcomeNumber('accepted');
  for (let i = 0; i < j.length; i++) {
    if (j.outcomeId.get(i) === acc && Number.isFinite(j.arrival.get(i))) {
      arr.push(j.arrival.get(i));
      fin.push(j.finishMs.get(i));
    }
  }
  const byArrival: number[] = [];
  const k = kendallTauB(arr, fin, byArrival);
  // Acceptance rank: by finish time, then arrival (ties in index order: the sort is stable).
  const order = arr
    .map((_, i) => i)
    .sort((a, b) => (fin[a] as number) - (fin[b] as number) || (arr[a] as number) - (arr[b] as number));
  const rankOf = new Int32Array(order.length);
  order.forEach((i, rank) => (rankOf[i] = rank));
  // [arrival, rank] by arrival, equal arrivals by rank: the (arrival, finish) order kendallTauB sorted.
  const ranks = byArrival.map((i): [number, number] => [arr[i] as number, rankOf[i] as number]);
  return {
    kendallTau: k.tau === null ? null : round(k.tau),
    inversions: k.discordant,
    firstQAcceptedShare: firstQShare(j, quota ?? arr.length),
    firstQ: quota ?? arr.length,
    ranks: downsample(ranks),
    eoi: eoiCheck(j),
  };
}

function firstQShare(j: JourneyColumns, q: number): number | null {
  if (q <= 0) return null;
  // The first q by arrival, ties in file order (what a stable sort would put first),
  // found from the q-th smallest arrival rather than by sorting every journey.
  let known = 0;
  for (let i = 0; i < j.length; i++) if (Number.isFinite(j.arrival.get(i))) known++;
  if (known === 0) return null;
  const arrivals = new Float64Array(known);
  for (let i = 0, k = 0; i < j.length; i++) if (Number.isFinite(j.arrival.get(i))) arrivals[k++] = j.arrival.get(i);
  const take = Math.min(q, known);
  const last = select(arrivals, take - 1);
  let below = 0;
  for (let k = 0; k < known; k++) if ((arrivals[k] as number) < last) below++;
  let tiesLeft = take - below;
  let accepted = 0;
  const acc = j.outcomeNumber('accepted');
  for (let i = 0; i < j.length; i++) {
    const a = j.arrival.get(i);
    if (!Number.isFinite(a) || a > last) continue;
    if (a === last) {
      if (tiesLeft === 0) continue;
      tiesLeft--;
    }
    if (j.outcomeId.get(i) === acc) accepted++;
  }
  return round(accepted / take);
}
