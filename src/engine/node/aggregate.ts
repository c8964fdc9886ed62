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
}

interface Bucket extends AggKey {
  hist: hdr.Histogram;
}

export function newHistogram(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 'packed',
  });
}

export class RequestAggregator {
  private buckets = new Map<string, Bucket>();

  add(epochMs: number, op: string, cls: ResultClass, status: number, latencyMs: number): void {
    const second = Math.floor(epochMs / 1000);
    const key = `${second}|${op}|${cls}|${status}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = { second, op, cls, status, hist: newHistogram() };
      this.buckets.set(key, b);
    }
    b.hist.recordValue(Math.max(1, Math.round(latencyMs * 1000)));
  }

  /** Removes and returns the buckets of seconds before `beforeSecond` (all when omitted). */
  drain(beforeSecond = Infinity): Array<AggKey & { count: number; hdr: string }> {
    const out: Array<AggKey & { count: number; hdr: string }> = [];
    for (const [key, b] of this.buckets) {
      if (b.second >= beforeSecond) continue;
      out.push({
        second: b.second,
        op: b.op,
        cls: b.cls,
        status: b.status,
        count: b.hist.totalCount,
        hdr: hdr.encodeIntoCompressedBase64(b.hist),
      });
      this.buckets.delete(key);
    }
    return out.sort((a, b) => a.second - b.second);
  }
}
