import * as hdr from 'hdr-histogram-js';
import type { ResultClass } from '../../journey/types.js';

/**
 * `--http-samples summary`: instead of four sample lines per request, one
 * `rehearsal_req_agg` point per second × operation × class × status, whose value is
 * the request count and whose `hdr` tag carries the latencies (from intended send,
 * in microseconds) as a compressed HdrHistogram (Tene's HdrHistogram V2 encoding,
 * via hdr-histogram-js). Histograms merge exactly, so percentiles over any window or
 * any set of files stay within the histogram's 3 significant digits.
 */
export interface AggKey {
  second: number;
  op: string;
  cls: ResultClass;
  status: number;
  /** Why it failed without a status (the client's `timeout`), as the per-request point's `cause` tag. */
  cause?: string | undefined;
}

/** What a bucket records its latencies into: an hdr-histogram-js histogram, or the simulator's `IndexCounts`. */
export interface AggHistogram {
  recordValue(us: number): void;
  readonly totalCount: number;
  reset(): void;
}

interface Bucket extends AggKey {
  hist: AggHistogram;
  /** Drained (written): a caller's memo of it is stale. */
  drained: boolean;
}

/**
 * A caller's kind of request (op, class, status) that it keeps and hands in again
 * (the simulator's cached tag sets): the bucket of its last second is remembered on it,
 * so a request of the same kind in the same second costs no key and no lookup.
 */
export interface AggKind {
  op: string;
  cls: ResultClass;
  status: number;
  cause?: string | undefined;
  aggBucket?: Bucket | undefined;
}

export function newHistogram(bitBucketSize: 'packed' | 32 = 'packed'): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    bitBucketSize,
  });
}

/** A drained bucket: its key, its count and its histogram (valid until `release`). */
export type AggBucket<H extends AggHistogram = hdr.Histogram> = AggKey & { count: number; hist: H };

export class RequestAggregator<H extends AggHistogram = hdr.Histogram> {
  private buckets = new Map<string, Bucket>();
  /** Released histograms, reset, for the next seconds (`reuse`). */
  private readonly pool: AggHistogram[] = [];

  /**
   * `make`: a new histogram (by default hdr-histogram-js's packed one, a few hundred bytes).
   * `reuse`: histograms handed back by `release` are reset and reused, which a caller
   * draining every second keeps to a few dozen: for large ones that record fast (the
   * simulator's `IndexCounts`, 184 KB each, for its millions of requests a minute).
   */
  constructor(
    private readonly make: () => H = () => newHistogram() as unknown as H,
    private readonly reuse = false,
  ) {}

  /** One request of a kind (see AggKind) that ended at `epochMs`. */
  addKind(k: AggKind, epochMs: number, latencyMs: number): void {
    const second = Math.floor(epochMs / 1000);
    let b = k.aggBucket;
    if (b === undefined || b.second !== second || b.drained)
      k.aggBucket = b = this.bucket(second, k.op, k.cls, k.status, k.cause);
    b.hist.recordValue(Math.max(1, Math.round(latencyMs * 1000)));
  }

  private bucket(second: number, op: string, cls: ResultClass, status: number, cause: string | undefined): Bucket {
    const key = `${second}|${op}|${cls}|${status}|${cause ?? ''}`;
    let b = this.buckets.get(key);
    if (!b) {
      const hist = this.pool.pop() ?? this.make();
      b = { second, op, cls, status, cause, hist, drained: false };
      this.buckets.set(key, b);
    }
    return b;
  }

  /** Removes and returns the buckets of seconds before `beforeSecond` (all when omitted), in order of seconds. */
  drain(beforeSecond = Infinity): AggBucket<H>[] {
    const out: AggBucket<H>[] = [];
    for (const [key, b] of this.buckets) {
      if (b.second >= beforeSecond) continue;
      out.push({
        second: b.second,
        op: b.op,
        cls: b.cls,
        status: b.status,
        cause: b.cause,
        count: b.hist.totalCount,
        hist: b.hist as H,
      });
      b.drained = true;
      this.buckets.delete(key);
    }
    return out.sort((a, b) => a.second - b.second);
  }

  /** A drained bucket's histogram is no longer read: reused when `reuse`. */
  release(b: AggBucket<H>): void {
    if (!this.reuse) return;
    b.hist.reset();
    this.pool.push(b.hist);
  }
}
