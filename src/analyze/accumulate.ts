import * as hdr from 'hdr-histogram-js';
import type { Sample } from '../results/read-json-line.js';
import { KeyedHistograms, LatencyHistogram } from './latency-histogram.js';
import { LogHistogram } from './log-histogram.js';
import { SecondSeries } from './second-series.js';

/**
 * One pass over a run's samples, in any order (merged files are not sorted), keeping
 * only what the summary needs: counters, mergeable histograms, per-second series and
 * a few numbers per finished journey (bounded by the population, not by run length).
 * Metric names and tags: src/results/k6-format.ts.
 *
 * `origin` is the epoch ms per-second series are keyed from: the opening when the
 * manifest gives it, else 0 (absolute epoch seconds, re-based once the first sample is known).
 */
export class RunAccumulator {
  minTimeMs = Infinity;
  maxTimeMs = -Infinity;
  toolkit = false;

  // k6's own view (any script).
  httpReqs = 0;
  httpOk = 0;
  httpExpectedSeen = false;
  httpFailedSum = 0;
  httpFailedCount = 0;
  readonly statuses = new Map<string, number>();
  readonly httpDuration = new LatencyHistogram();
  readonly httpDurationByName = new KeyedHistograms();
  readonly httpPerSecond = new SecondSeries(2); // [requests, ok]
  droppedIterations = 0;

  // The toolkit's requests (rehearsal_req, rehearsal_req_agg).
  reqs = 0;
  timeouts = 0;
  readonly reqStatuses = new Map<string, number>();
  readonly classTotal = new Map<string, number>();
  readonly classByOp = new Map<string, Map<string, number>>();
  readonly classPerSecond = new Map<number, Map<string, number>>();
  readonly reqPerSecond = new SecondSeries(2); // [requests, ok]
  readonly latency = new LatencyHistogram();
  readonly latencyByOp = new KeyedHistograms();
  readonly latencyByCountry = new KeyedHistograms();
  /** second → op → histogram (the timeline's latency series). */
  readonly latencyPerSecondOp = new Map<number, Map<string, LogHistogram>>();

  // Journeys (rehearsal_journey) and starts (rehearsal_lateness).
  readonly lateness = new LatencyHistogram();
  readonly startsPerSecond = new SecondSeries(1);
  readonly finishesPerSecond = new SecondSeries(1);
  readonly journeys = new JourneyColumns();
  readonly timeToOutcome = new KeyedHistograms();
  readonly attempts = new Map<number, number>();
  readonly countries = new Map<string, Map<string, number>>();

  constructor(readonly origin: number) {}

  second(timeMs: number): number {
    return Math.floor((timeMs - this.origin) / 1000);
  }

  addBatch(batch: Sample[]): void {
    for (let i = 0; i < batch.length; i++) this.add(batch[i] as Sample);
  }

  add(s: Sample): void {
    const t = s.timeMs;
    if (t < this.minTimeMs) this.minTimeMs = t;
    if (t > this.maxTimeMs) this.maxTimeMs = t;
    switch (s.metric) {
      case 'http_reqs':
        this.httpReq(s);
        break;
      case 'http_req_duration':
        this.httpDuration.record(s.value);
        this.httpDurationByName.get(s.tags.name ?? s.tags.url ?? '(unnamed)').record(s.value);
        break;
      case 'http_req_failed':
        this.httpFailedSum += s.value;
        this.httpFailedCount++;
        break;
      case 'dropped_iterations':
        this.droppedIterations += s.value;
        break;
      case 'rehearsal_req':
        this.toolkit = true;
        this.request(s, 1);
        for (const h of this.latencyTargets(s)) h.record(s.value);
        this.secondOp(s).record(s.value);
        break;
      case 'rehearsal_req_agg':
        this.toolkit = true;
        this.request(s, s.value);
        if (s.tags.hdr) this.aggregated(s, s.tags.hdr);
        break;
      case 'rehearsal_lateness':
        this.toolkit = true;
        this.lateness.record(s.value);
        this.startsPerSecond.add(this.second(t), 0, 1);
        break;
      case 'rehearsal_journey':
        this.toolkit = true;
        this.journey(s);
        break;
      default:
    }
  }

  private httpReq(s: Sample): void {
    const n = s.value;
    this.httpReqs += n;
    const status = s.tags.status ?? '';
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + n);
    // expected_response is k6's own "not failed" (status < 400 by default).
    const er = s.tags.expected_response;
    let ok: boolean;
    if (er !== undefined) {
      this.httpExpectedSeen = true;
      ok = er === 'true';
    } else {
      const code = Number(status);
      ok = code >= 200 && code < 400;
    }
    if (ok) this.httpOk += n;
    this.httpPerSecond.add(this.second(s.timeMs), 0, n);
    if (ok) this.httpPerSecond.add(this.second(s.timeMs), 1, n);
  }

  private request(s: Sample, n: number): void {
    const tags = s.tags;
    const cls = tags.class ?? 'error';
    const op = tags.op ?? tags.name ?? '(unnamed)';
    this.reqs += n;
    const status = tags.status ?? '';
    this.reqStatuses.set(status, (this.reqStatuses.get(status) ?? 0) + n);
    if (isTimeout(tags)) this.timeouts += n;
    this.classTotal.set(cls, (this.classTotal.get(cls) ?? 0) + n);
    let byOp = this.classByOp.get(op);
    if (!byOp) this.classByOp.set(op, (byOp = new Map()));
    byOp.set(cls, (byOp.get(cls) ?? 0) + n);
    const sec = this.second(s.timeMs);
    let perSec = this.classPerSecond.get(sec);
    if (!perSec) this.classPerSecond.set(sec, (perSec = new Map()));
    perSec.set(cls, (perSec.get(cls) ?? 0) + n);
    this.reqPerSecond.add(sec, 0, n);
    if (cls === 'ok') this.reqPerSecond.add(sec, 1, n);
  }

  /** The histograms one request's latency goes into: overall, per op, per country, per second × op. */
  private readonly targets: LatencyHistogram[] = [];

  /** The histograms one request's latency goes into: overall, per op, per country. */
  private latencyTargets(s: Sample): LatencyHistogram[] {
    const hs = this.targets;
    hs.length = 0;
    hs.push(this.latency, this.latencyByOp.get(s.tags.op ?? s.tags.name ?? '(unnamed)'));
    if (s.tags.country) hs.push(this.latencyByCountry.get(s.tags.country));
    return hs;
  }

  private secondOp(s: Sample): LogHistogram {
    const op = s.tags.op ?? s.tags.name ?? '(unnamed)';
    const sec = this.second(s.timeMs);
    let perOp = this.latencyPerSecondOp.get(sec);
    if (!perOp) this.latencyPerSecondOp.set(sec, (perOp = new Map()));
    let h = perOp.get(op);
    if (!h) perOp.set(op, (h = new LogHistogram()));
    return h;
  }

  /** A rehearsal_req_agg point: its encoded histogram merges exactly into the run's histograms. */
  private aggregated(s: Sample, hdrTag: string): void {
    const decoded = hdr.decodeFromCompressedBase64(hdrTag);
    for (const h of this.latencyTargets(s)) h.addHistogram(decoded);
    // The per-second series (1 % buckets) takes one value per request, spread over the point's quantiles.
    const per = this.secondOp(s);
    const n = decoded.totalCount;
    for (let k = 0; k < n; k++) per.record(decoded.getValueAtPercentile((100 * (k + 0.5)) / n) / 1000);
  }

  private journey(s: Sample): void {
    const tags = s.tags;
    const outcome = tags.outcome ?? 'error';
    const attempts = Number(tags.attempts ?? Number.NaN);
    const arrival = Number(tags.arrival ?? Number.NaN);
    this.journeys.push(s.timeMs, arrival, outcome, attempts, s.value, tags);
    this.timeToOutcome.get(outcome).record(s.value);
    if (Number.isFinite(attempts)) this.attempts.set(attempts, (this.attempts.get(attempts) ?? 0) + 1);
    this.finishesPerSecond.add(this.second(s.timeMs), 0, 1);
    const country = tags.country;
    if (country) {
      let c = this.countries.get(country);
      if (!c) this.countries.set(country, (c = new Map()));
      c.set(outcome, (c.get(outcome) ?? 0) + 1);
    }
  }
}

/** No response within the request timeout: the engines' cause tags, or a gateway timeout. */
function isTimeout(tags: Readonly<Record<string, string>>): boolean {
  const c = tags.cause;
  return c === 'timeout' || c === 'ETIMEDOUT' || c === 'UND_ERR_HEADERS_TIMEOUT' || c === 'UND_ERR_BODY_TIMEOUT' || tags.status === '504';
}

/**
 * What the summary keeps of each finished journey, column-wise (a few numbers per
 * candidate: bounded by the population). EOI columns are filled only when the journey
 * recorded `score` / `eligible` / `invited` tags.
 */
export class JourneyColumns {
  readonly finishMs: number[] = [];
  readonly arrival: number[] = [];
  readonly outcome: string[] = [];
  readonly attempts: number[] = [];
  readonly timeToOutcomeMs: number[] = [];
  readonly score: number[] = [];
  readonly eligible: boolean[] = [];
  readonly invited: boolean[] = [];
  eoi = false;

  get length(): number {
    return this.finishMs.length;
  }

  push(finishMs: number, arrival: number, outcome: string, attempts: number, ttoMs: number, tags: Readonly<Record<string, string>>): void {
    this.finishMs.push(finishMs);
    this.arrival.push(arrival);
    this.outcome.push(outcome);
    this.attempts.push(attempts);
    this.timeToOutcomeMs.push(ttoMs);
    if (tags.invited !== undefined) this.eoi = true;
    this.score.push(tags.score !== undefined ? Number(tags.score) : Number.NaN);
    this.eligible.push(tags.eligible !== 'false');
    this.invited.push(tags.invited === 'true');
  }
}
