import * as hdr from 'hdr-histogram-js';
import type { PointSink } from '../results/read-point-bytes.js';
import { type MetricRef, TagKeys, type TagSet } from '../results/read-tag-sets.js';
import type { MetricDeclaration } from '../results/read-json-line.js';
import { JourneyColumns } from './journey-columns.js';
import { K6Metrics, matchesSubmetric } from './k6-metrics.js';
import type { MetricAgg } from './metric-agg.js';
import type { UndeclaredPoints } from './undeclared-points.js';
import {
  FAST_INDEXES,
  type IndexedCounts,
  indexedCounts,
  KeyedHistograms,
  LatencyHistogram,
} from './latency-histogram.js';
import { LogHistogram, logBucket } from './log-histogram.js';
import { SecondSeries } from './second-series.js';

export { JourneyColumns } from './journey-columns.js';

/**
 * One pass over a run's samples, in any order (merged files are not sorted), keeping
 * only what the summary needs: counters, mergeable histograms, per-second series and
 * a few numbers per finished journey (bounded by the population, not by run length).
 * Metric names and tags: src/results/k6-format.ts.
 *
 * Hot path: the reader hands each point with its metric and tag set, both shared by
 * every point that has the same bytes; what a tag set means here (class, op, the
 * histograms and counter cells it feeds) is derived once and kept on it (`memo`), so
 * a sample costs a few additions and histogram records, not map lookups.
 * Counters live in cells until `finish()` turns them into the maps the sections read.
 *
 * `origin` is the epoch ms per-second series are keyed from: the opening when the
 * manifest gives it, else 0 (absolute epoch seconds, re-based once the first sample is known).
 */
export class RunAccumulator implements PointSink {
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

  // Cells behind the maps above, while reading.
  private readonly statusCells = new Cells();
  private readonly reqStatusCells = new Cells();
  private readonly classCells = new Cells();
  private readonly classByOpCells = new Map<string, Cells>();
  /** second → counts by class id (ids in `classNames`). */
  private readonly classSeconds = new Map<number, Array<number | undefined>>();
  private readonly classIds = new Map<string, number>();
  private readonly classNames: string[] = [];
  private lastClassSecond = Number.NaN;
  private lastClassRow: Array<number | undefined> = [];

  /** Every metric as k6 summarises it, checks, groups and the `--by` breakdown. */
  readonly k6: K6Metrics;

  /** `laterPart`: this reads a part of a file cut after its start, whose declarations may come before the cut (K6Metrics). */
  constructor(
    readonly origin: number,
    by?: string,
    laterPart = false,
  ) {
    this.k6 = new K6Metrics(by, laterPart);
  }

  declare(d: MetricDeclaration): void {
    this.k6.declare(d);
  }

  second(timeMs: number): number {
    return Math.floor((timeMs - this.origin) / 1000);
  }

  point(metric: MetricRef, t: number, value: number, ts: TagSet): void {
    if (t < this.minTimeMs) this.minTimeMs = t;
    if (t > this.maxTimeMs) this.maxTimeMs = t;
    let memo = metric.memo as MetricMemo | undefined;
    if (memo === undefined || memo.declarations !== this.k6.declarations) metric.memo = memo = this.memoOf(metric.name);
    if (memo.agg !== null) {
      this.k6.point(metric, memo.agg, t, value, ts);
      for (const sub of memo.subs) if (matchesSubmetric(ts, sub.tags)) sub.agg.add(t, value);
      if (memo.undeclared !== null) memo.undeclared.add(t, value, ts);
    }
    switch (memo.kind) {
      case Kind.HttpReqs:
        this.httpReq(t, value, ts);
        break;
      case Kind.HttpDuration: {
        let h = ts.memo as LatencyHistogram | undefined;
        if (h === undefined) ts.memo = h = this.httpDurationByName.get(ts.get('name') ?? ts.get('url') ?? '(unnamed)');
        this.httpDuration.record(value);
        h.record(value);
        break;
      }
      case Kind.HttpFailed:
        this.httpFailedSum += value;
        this.httpFailedCount++;
        break;
      case Kind.Dropped:
        this.droppedIterations += value;
        break;
      case Kind.Req: {
        this.toolkit = true;
        const c = this.reqContext(ts, true);
        this.request(c, t, 1);
        this.latency.record(value);
        (c.hOp as LatencyHistogram).record(value);
        if (c.hCountry) c.hCountry.record(value);
        this.secondOp(c, t).record(value);
        // The round's send time: interests registered after it were not in its draw (eoi.ts).
        if (c.op === 'inviteRound') this.journeys.roundSent(t - value);
        break;
      }
      case Kind.ReqAgg: {
        this.toolkit = true;
        const hdrTag = ts.get('hdr');
        const c = this.reqContext(ts, hdrTag !== undefined && hdrTag !== '');
        this.request(c, t, value);
        if (hdrTag) this.aggregated(c, t, hdr.decodeFromCompressedBase64(hdrTag));
        break;
      }
      case Kind.Lateness:
        this.toolkit = true;
        this.lateness.record(value);
        this.startsPerSecond.add(this.second(t), 0, 1);
        break;
      case Kind.Journey:
        this.toolkit = true;
        this.journey(t, value, ts);
        break;
      case Kind.Invited:
        this.journeys.roundInvited(value > 0 ? Number(ts.get('arrival') ?? Number.NaN) : Number.NaN);
        break;
      default:
    }
  }

  /**
   * A rehearsal_req_agg point handed over in memory with its histogram's counts read (the
   * simulator's `IndexCounts`; `ts` without the `hdr` tag): the same as `point` with the
   * histogram encoded into the tag, without encoding, decoding and walking it.
   */
  pointCounts(t: number, value: number, ts: TagSet, read: IndexedCounts): void {
    if (t < this.minTimeMs) this.minTimeMs = t;
    if (t > this.maxTimeMs) this.maxTimeMs = t;
    this.toolkit = true;
    const latency = read.total > 0;
    const c = this.reqContext(ts, latency);
    this.request(c, t, value);
    if (latency) this.addCounts(c, t, read);
  }

  private memoOf(name: string): MetricMemo {
    const toolkit = name.startsWith('rehearsal_');
    return {
      kind: KINDS.get(name) ?? Kind.Other,
      agg: toolkit ? null : this.k6.agg(name),
      subs: toolkit
        ? []
        : this.k6.submetricsOf(name).map((sm) => ({ tags: Object.entries(sm.tags), agg: this.k6.agg(sm.name) })),
      undeclared: toolkit ? null : this.k6.undeclaredOf(name),
      declarations: this.k6.declarations,
    };
  }

  private httpReq(t: number, n: number, ts: TagSet): void {
    let c = ts.memo as HttpContext | undefined;
    if (c === undefined) {
      const status = ts.get('status') ?? '';
      // expected_response is k6's own "not failed" (status < 400 by default).
      const er = ts.get('expected_response');
      const code = Number(status);
      const group = ts.get('group');
      c = {
        status: this.statusCells.cell(status),
        expected: er !== undefined,
        ok: er !== undefined ? er === 'true' : code >= 200 && code < 400,
        group: group === undefined ? null : this.k6.group(group),
      };
      ts.memo = c;
    }
    this.httpReqs += n;
    c.status.n += n;
    if (c.group !== null) c.group.requests += n;
    if (c.expected) this.httpExpectedSeen = true;
    const sec = this.second(t);
    this.httpPerSecond.add(sec, 0, n);
    if (c.ok) {
      this.httpOk += n;
      this.httpPerSecond.add(sec, 1, n);
    }
  }

  /** What a rehearsal_req(_agg) tag set means, derived on its first point. */
  private reqContext(ts: TagSet, latency: boolean): ReqContext {
    const memo = ts.memo as ReqContext | undefined;
    if (memo !== undefined) return memo;
    const cls = ts.get('class') ?? 'error';
    const op = ts.get('op') ?? ts.get('name') ?? '(unnamed)';
    let byOp = this.classByOpCells.get(op);
    if (!byOp) this.classByOpCells.set(op, (byOp = new Cells()));
    let clsId = this.classIds.get(cls);
    if (clsId === undefined) {
      clsId = this.classNames.length;
      this.classIds.set(cls, clsId);
      this.classNames.push(cls);
    }
    const country = ts.get('country');
    const c: ReqContext = {
      op,
      ok: cls === 'ok',
      timeout: isTimeout(ts),
      clsId,
      status: this.reqStatusCells.cell(ts.get('status') ?? ''),
      cls: this.classCells.cell(cls),
      byOp: byOp.cell(cls),
      // Created only for points that carry a latency, as a per-sample pass would.
      hOp: latency ? this.latencyByOp.get(op) : undefined,
      hCountry: latency && country ? this.latencyByCountry.get(country) : undefined,
      lastSecond: Number.NaN,
      lastPerSecond: undefined,
    };
    ts.memo = c;
    return c;
  }

  private request(c: ReqContext, t: number, n: number): void {
    this.reqs += n;
    c.status.n += n;
    c.cls.n += n;
    c.byOp.n += n;
    if (c.timeout) this.timeouts += n;
    const sec = this.second(t);
    let row = this.lastClassRow;
    if (sec !== this.lastClassSecond) {
      let r = this.classSeconds.get(sec);
      if (!r) this.classSeconds.set(sec, (r = []));
      this.lastClassSecond = sec;
      this.lastClassRow = row = r;
    }
    // A hole is a class not seen this second (a count of 0 is still a count, as the maps had it).
    const v = row[c.clsId];
    row[c.clsId] = (v === undefined ? 0 : v) + n;
    this.reqPerSecond.add(sec, 0, n);
    if (c.ok) this.reqPerSecond.add(sec, 1, n);
  }

  /** The per-second × op histogram of the timeline, remembered per tag set for its last second. */
  private secondOp(c: ReqContext, t: number): LogHistogram {
    const sec = this.second(t);
    if (sec === c.lastSecond) return c.lastPerSecond as LogHistogram;
    let perOp = this.latencyPerSecondOp.get(sec);
    if (!perOp) this.latencyPerSecondOp.set(sec, (perOp = new Map()));
    let h = perOp.get(c.op);
    if (!h) perOp.set(c.op, (h = new LogHistogram()));
    c.lastSecond = sec;
    c.lastPerSecond = h;
    return h;
  }

  /** A rehearsal_req_agg point: its encoded histogram merges exactly into the run's histograms. */
  private aggregated(c: ReqContext, t: number, decoded: hdr.Histogram): void {
    const read = indexedCounts(decoded);
    if (read) this.addCounts(c, t, read);
    else {
      this.latency.addHistogram(decoded);
      (c.hOp as LatencyHistogram).addHistogram(decoded);
      if (c.hCountry) c.hCountry.addHistogram(decoded);
      // The per-second series (1 % buckets) takes one value per request, spread over the point's quantiles.
      const per = this.secondOp(c, t);
      const n = decoded.totalCount;
      for (let k = 0; k < n; k++) per.record(decoded.getValueAtPercentile((100 * (k + 0.5)) / n) / 1000);
    }
  }

  /** A rehearsal_req_agg point's counts by index, into the run's histograms and the per-second series (`spreadQuantiles`). */
  private addCounts(c: ReqContext, t: number, read: IndexedCounts): void {
    this.latency.addIndexed(read);
    (c.hOp as LatencyHistogram).addIndexed(read);
    if (c.hCountry) c.hCountry.addIndexed(read);
    spreadQuantiles(read, this.secondOp(c, t));
  }

  private readonly journeyStrs: Array<string | undefined> = [];
  private readonly journeyNums: number[] = [];

  private journey(t: number, value: number, tags: TagSet): void {
    tags.pick(JOURNEY_TAGS, this.journeyStrs, this.journeyNums);
    const [outcomeTag, country, eligible, invited] = this.journeyStrs;
    const [attempts, arrival, score] = this.journeyNums as [number, number, number];
    this.journeyPoint(t, value, outcomeTag ?? 'error', country, eligible, invited, attempts, arrival, score);
  }

  /**
   * A rehearsal_journey point handed over as its tags' values (the simulator's): the same
   * as `point` with them as tags, without building and parsing them. (The tag path comes
   * here too: `point` has set the times and the toolkit flag already, which is harmless.)
   */
  journeyPoint(
    t: number,
    value: number,
    outcome: string,
    country: string | undefined,
    eligible: string | undefined,
    invited: string | undefined,
    attempts: number,
    arrival: number,
    score: number,
  ): void {
    if (t < this.minTimeMs) this.minTimeMs = t;
    if (t > this.maxTimeMs) this.maxTimeMs = t;
    this.toolkit = true;
    this.journeys.push(t, arrival, outcome, attempts, value, score, eligible, invited);
    this.timeToOutcome.get(outcome).record(value);
    if (Number.isFinite(attempts)) this.attempts.set(attempts, (this.attempts.get(attempts) ?? 0) + 1);
    this.finishesPerSecond.add(this.second(t), 0, 1);
    if (country) {
      let m = this.countries.get(country);
      if (!m) this.countries.set(country, (m = new Map()));
      m.set(outcome, (m.get(outcome) ?? 0) + 1);
    }
  }

  /** Moves the counter cells into the maps the sections read; call once reading is done. */
  finish(): this {
    this.statusCells.drainInto(this.statuses);
    this.reqStatusCells.drainInto(this.reqStatuses);
    this.classCells.drainInto(this.classTotal);
    for (const [op, cells] of this.classByOpCells) {
      let m = this.classByOp.get(op);
      if (!m) this.classByOp.set(op, (m = new Map()));
      cells.drainInto(m);
    }
    for (const [sec, row] of this.classSeconds) {
      let m = this.classPerSecond.get(sec);
      for (let id = 0; id < row.length; id++) {
        const n = row[id];
        if (n === undefined) continue;
        if (!m) this.classPerSecond.set(sec, (m = new Map()));
        const cls = this.classNames[id] as string;
        m.set(cls, (m.get(cls) ?? 0) + n);
      }
    }
    this.classSeconds.clear();
    this.lastClassSecond = Number.NaN;
    return this;
  }
}

/**
 * Records into `per` one value (ms) per request of a histogram of µs: for k = 0…n−1 the
 * value at percentile 100·(k + ½)/n as `getValueAtPercentile` gives it. That percentile's
 * rank (count at percentile, rounded up past one ulp, as HdrHistogram does) is
 * ceil(k + ½ ± a few ulps) = k + 1, the (k + 1)-th value in order: so the values are each
 * recorded bucket's highest equivalent value, as many times as its count. One pass over
 * the buckets (`indexedCounts`), not a scan from the start per request (O(n × buckets):
 * minutes for a full-scale night).
 */
export function spreadQuantiles(read: IndexedCounts, per: LogHistogram): void {
  for (let j = 0; j < read.indexes.length; j++) {
    const i = read.indexes[j] as number;
    const n = read.counts[j] as number;
    if (i >= FAST_INDEXES) {
      per.recordCount((read.highest[j] as number) / 1000, n);
      continue;
    }
    // An HdrHistogram index's highest value is fixed, and so its bucket here: a log once per index, not per point.
    let b = LOG_BUCKET_OF_INDEX[i] as number;
    if (b < 0) LOG_BUCKET_OF_INDEX[i] = b = logBucket((read.highest[j] as number) / 1000);
    per.recordAt(b, n);
  }
}

/** `logBucket` of each HdrHistogram index's highest value (µs → ms), -1 until first needed. */
const LOG_BUCKET_OF_INDEX = new Int16Array(FAST_INDEXES).fill(-1);

/** What a metric means to the accumulator, derived on its first point. */
interface MetricMemo {
  kind: Kind;
  /** Its k6 summary (null for the toolkit's own metrics). */
  agg: MetricAgg | null;
  /** Declared submetrics: the tags a point must carry, and the submetric's summary. */
  subs: Array<{ tags: Array<[string, string]>; agg: MetricAgg }>;
  /** Its points, kept for the merge when this part has not seen its declaration (K6Metrics.undeclaredOf), else null. */
  undeclared: UndeclaredPoints | null;
  /** K6Metrics.declarations when it was derived: a later declaration may give it submetrics. */
  declarations: number;
}

/** The tags a journey point is read for (k6-format.ts: rehearsal_journey): strings, then numbers. */
const JOURNEY_TAGS = new TagKeys(['outcome', 'country', 'eligible', 'invited'], ['attempts', 'arrival', 'score']);

const enum Kind {
  Other,
  HttpReqs,
  HttpDuration,
  HttpFailed,
  Dropped,
  Req,
  ReqAgg,
  Lateness,
  Journey,
  Invited,
}

const KINDS = new Map<string, Kind>([
  ['http_reqs', Kind.HttpReqs],
  ['http_req_duration', Kind.HttpDuration],
  ['http_req_failed', Kind.HttpFailed],
  ['dropped_iterations', Kind.Dropped],
  ['rehearsal_req', Kind.Req],
  ['rehearsal_req_agg', Kind.ReqAgg],
  ['rehearsal_lateness', Kind.Lateness],
  ['rehearsal_journey', Kind.Journey],
  ['rehearsal_invited', Kind.Invited],
]);

interface Cell {
  n: number;
}

/** Counters by key, as cells a tag set can hold on to. */
class Cells {
  private readonly byKey = new Map<string, Cell>();
  cell(key: string): Cell {
    let c = this.byKey.get(key);
    if (!c) this.byKey.set(key, (c = { n: 0 }));
    return c;
  }

  /** Adds every count into `into` (a cell exists only once a point touched it) and empties the cells. */
  drainInto(into: Map<string, number>): void {
    for (const [k, c] of this.byKey) into.set(k, (into.get(k) ?? 0) + c.n);
    this.byKey.clear();
  }
}

interface HttpContext {
  status: Cell;
  expected: boolean;
  ok: boolean;
  /** The k6 group the requests of this tag set count in (its `group` tag), if any. */
  group: { requests: number } | null;
}

interface ReqContext {
  op: string;
  ok: boolean;
  timeout: boolean;
  clsId: number;
  status: Cell;
  cls: Cell;
  byOp: Cell;
  hOp: LatencyHistogram | undefined;
  hCountry: LatencyHistogram | undefined;
  lastSecond: number;
  lastPerSecond: LogHistogram | undefined;
}

/** No response within the request timeout: the engines' cause tags, or a gateway timeout. */
function isTimeout(tags: TagSet): boolean {
  const c = tags.get('cause');
  return (
    c === 'timeout' ||
    c === 'ETIMEDOUT' ||
    c === 'UND_ERR_HEADERS_TIMEOUT' ||
    c === 'UND_ERR_BODY_TIMEOUT' ||
    tags.get('status') === '504'
  );
}
