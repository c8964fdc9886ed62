import * as hdr from 'hdr-histogram-js';
import {
  FAST_INDEXES,
  hdrIndex,
  hdrValue,
  type IndexedCounts,
  indexedCounts,
  POW2,
  TWO_32,
} from './latency-histogram.js';

/**
 * A histogram of µs latencies kept as counts by HdrHistogram index (3 significant digits
 * from 1 µs: the layout of `hdrIndex`), with the list of the indexes in use: what the
 * simulator's per-second request aggregates need, at a fraction of hdr-histogram-js's
 * cost. Recording finds the index in integer arithmetic (hdr-histogram-js takes a log2
 * and a pow, about 60 ns), and reading it for the accumulator (`read`) visits only the
 * indexes in use, where `indexedCounts` walks the library's counts array from the
 * smallest value to the largest (up to 23,552 entries a bucket, every second, for each
 * kind of request: most of the recording thread's time at a tenth of election night).
 *
 * What `read` gives is what `indexedCounts` gives for an hdr-histogram-js histogram of the
 * same values (the same indexes, bucket values, sum, min and max, in the same
 * floating-point steps): test/analyze/index-counts.test.ts holds the two equal.
 */
export class IndexCounts {
  totalCount = 0;
  private readonly counts = new Float64Array(FAST_INDEXES);
  /** Indexes with a count (`nUsed` of them), in the order first recorded (sorted by `read`, natively: a typed array). */
  private readonly used = new Uint16Array(FAST_INDEXES);
  private nUsed = 0;
  /** Values from 2^32 µs, in the library's histogram (see `recordValue`). */
  private beyond: hdr.Histogram | undefined;
  /** What `read` fills, in place (its result views them: valid until the next `read`). */
  private readonly indexes = new Float64Array(FAST_INDEXES);
  private readonly countsOut = new Float64Array(FAST_INDEXES);
  private readonly values = new Float64Array(FAST_INDEXES);
  private readonly highest = new Float64Array(FAST_INDEXES);

  /**
   * One value in µs (an integer). Values from 2^32 µs (71 minutes; NaN too) go to an
   * hdr-histogram-js histogram of the same layout, which grows to hold them, as the one
   * this replaces did: their indexes all lie past this one's.
   */
  recordValue(us: number): void {
    if (us < 0) throw new Error('Histogram recorded value cannot be negative.');
    this.totalCount++;
    if (!(us < TWO_32)) {
      (this.beyond ??= libraryHistogram()).recordValue(us);
      return;
    }
    const i = hdrIndex(us);
    const c = this.counts[i] as number;
    if (c === 0) this.used[this.nUsed++] = i;
    this.counts[i] = c + 1;
  }

  /** The counts as `indexedCounts` reads them: the indexes in ascending order, each bucket's values, the mean's sum. */
  read(): IndexedCounts {
    const n = this.nUsed;
    const used = this.used.subarray(0, n).sort();
    const { indexes, countsOut, values, highest } = this;
    let totalValue = 0;
    for (let j = 0; j < n; j++) {
      const i = used[j] as number;
      const c = this.counts[i] as number;
      const v = hdrValue(i);
      // The bucket's width: 1 in the first 2,048 indexes, then 2^(bucket) (JsHistogram.sizeOfEquivalentValueRange).
      const size = i < 2048 ? 1 : (POW2[(i >> 10) - 1] as number);
      indexes[j] = i;
      countsOut[j] = c;
      values[j] = v;
      highest[j] = v + size - 1;
      // HdrHistogram's mean: each bucket's median (lowest + floor(size / 2)) times its count, in index order.
      totalValue += (v + Math.floor(size / 2)) * c;
    }
    const d: IndexedCounts = {
      indexes: indexes.subarray(0, n),
      counts: countsOut.subarray(0, n),
      values: values.subarray(0, n),
      highest: highest.subarray(0, n),
      total: this.totalCount,
      sumUs: 0,
      minUs: 0,
      maxUs: 0,
    };
    if (this.beyond && this.beyond.totalCount > 0) {
      // Past 2^32 µs (rare): the library's own reading of them, after these.
      const b = indexedCounts(this.beyond) as IndexedCounts;
      for (let j = 0; j < b.indexes.length; j++) {
        const v = b.values[j] as number;
        totalValue += (v + Math.floor(((b.highest[j] as number) - v + 1) / 2)) * (b.counts[j] as number);
      }
      const join = (x: ArrayLike<number>, y: ArrayLike<number>) => [...Array.from(x), ...Array.from(y)];
      d.indexes = join(d.indexes, b.indexes);
      d.counts = join(d.counts, b.counts);
      d.values = join(d.values, b.values);
      d.highest = join(d.highest, b.highest);
    }
    const m = d.indexes.length;
    d.sumUs = m > 0 ? Math.round((totalValue / d.total) * d.total) : 0;
    // Index 0 (the value 0) is no minimum: with nothing above it, the library's untouched minNonZeroValue, as in `indexedCounts`.
    const first = m > 0 && d.indexes[0] === 0 ? 1 : 0;
    d.minUs = first < m ? (d.values[first] as number) : m > 0 ? Number.MAX_SAFE_INTEGER : 0;
    d.maxUs = m > 0 ? (d.highest[m - 1] as number) : 0;
    return d;
  }

  /**
   * The same counts in an hdr-histogram-js histogram (`into`, reset), to encode into a
   * sample file's `hdr` tag: the same encoding as the library's histogram fed the values
   * one by one, except after a value of 71 minutes or more, where the header's declared
   * range (grown to hold it) may differ; the counts, and so what `analyze` reads, do not.
   */
  toHistogram(into: hdr.Histogram): hdr.Histogram {
    into.reset();
    if (this.beyond) into.add(this.beyond);
    for (let j = 0; j < this.nUsed; j++) {
      const i = this.used[j] as number;
      into.recordValueWithCount(hdrValue(i), this.counts[i] as number);
    }
    return into;
  }

  /** Empties it for reuse: only the indexes in use are cleared. */
  reset(): void {
    for (let j = 0; j < this.nUsed; j++) this.counts[this.used[j] as number] = 0;
    this.nUsed = 0;
    this.totalCount = 0;
    this.beyond = undefined;
  }
}

/** The layout this replaces (RequestAggregator's `newHistogram(32)`), growing past its hour as the library does by default. */
function libraryHistogram(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 32,
  });
}
