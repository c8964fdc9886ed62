import type { ResultClass } from '../journey/types.js';
import type { RunAccumulator } from './accumulate.js';
import { round } from './downsample.js';
import type { Summary } from './summary.js';

/**
 * Throughput, classes, the k6 HTTP view and latency. Request counts come from the
 * toolkit's rehearsal_req(_agg) when present (every engine writes them, and they carry
 * the class), else from k6's http_reqs.
 */
export function throughputSection(
  a: RunAccumulator,
  durationMs: number,
  accepted: number | null,
): Summary['throughput'] {
  const toolkit = a.reqs > 0;
  const series = toolkit ? a.reqPerSecond : a.httpPerSecond;
  const requests = toolkit ? a.reqs : a.httpReqs;
  const ok = toolkit ? (a.classTotal.get('ok') ?? 0) : a.httpOk;
  const secs = durationMs / 1000;
  const per = (n: number) => (secs > 0 ? round(n / secs, 3) : 0);
  return {
    requests,
    rps: per(requests),
    peakRps1s: series.peak(0, 1),
    peakRps10s: round(series.peak(0, 10) / 10, 3),
    goodputRps: per(ok),
    acceptedPerSec: accepted === null ? null : per(accepted),
    source: toolkit ? 'toolkit' : 'k6',
  };
}

export function classesSection(a: RunAccumulator, shift: number): Summary['classes'] {
  if (a.reqs === 0) return null;
  const total: Partial<Record<ResultClass, number>> = {};
  const rates: Partial<Record<ResultClass, number>> = {};
  for (const [cls, n] of sorted(a.classTotal)) {
    total[cls as ResultClass] = n;
    rates[cls as ResultClass] = round(n / a.reqs);
  }
  const byOp: Record<string, Partial<Record<ResultClass, number>>> = {};
  for (const [op, m] of sorted(a.classByOp)) byOp[op] = Object.fromEntries(sorted(m));
  const overTime: Array<[number, ResultClass, number]> = [];
  for (const sec of [...a.classPerSecond.keys()].sort((x, y) => x - y)) {
    for (const [cls, n] of sorted(a.classPerSecond.get(sec) as Map<string, number>))
      overTime.push([sec - shift, cls as ResultClass, n]);
  }
  return { total, rates, byOp, timeouts: a.timeouts, overTime };
}

export function httpSection(a: RunAccumulator): Summary['http'] {
  const statuses = a.httpReqs > 0 ? a.statuses : a.reqStatuses;
  const requests = a.httpReqs > 0 ? a.httpReqs : a.reqs;
  // Without http_req_failed points (summary mode), failures are the responses that were not ok by status.
  let failedRate: number;
  if (a.httpFailedCount > 0) failedRate = a.httpFailedSum / a.httpFailedCount;
  else {
    let failed = 0;
    for (const [s, n] of statuses) if (!(Number(s) >= 200 && Number(s) < 400)) failed += n;
    failedRate = requests > 0 ? failed / requests : 0;
  }
  return {
    failedRate: round(failedRate),
    statuses: Object.fromEntries(sorted(statuses)),
    requests,
    duration: a.httpDuration.stats(),
    durationByName: a.httpDurationByName.stats(),
  };
}

export function latencySection(a: RunAccumulator): Summary['latency'] {
  const fromIntendedSend = a.latency.count > 0;
  return fromIntendedSend
    ? { all: a.latency.stats(), byOp: a.latencyByOp.stats(), fromIntendedSend }
    : { all: a.httpDuration.stats(), byOp: a.httpDurationByName.stats(), fromIntendedSend };
}

export function sorted<V>(m: Map<string, V>): Array<[string, V]> {
  return [...m.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}
