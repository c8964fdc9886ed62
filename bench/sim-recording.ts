/**
 * The simulator's recording thread, its three costs measured apart, each beside the way
 * it was done before (the peer, in the same run), at the size of the full election night:
 *
 * - per-second request aggregates: 31.5 million latencies over 14,400 seconds in 8 kinds
 *   of request, recorded and read for the accumulator each second — `IndexCounts`
 *   against hdr-histogram-js's histogram of the same layout read by `indexedCounts`;
 * - the journeys' columns: 5.26 million journeys pushed — `JourneyColumns` (typed chunks)
 *   against eight plain arrays;
 * - the batches the loop fills: 400 of 4 MB — refilled after coming back, against a
 *   fresh array each.
 *
 * CPU ms of this thread (process.cpuUsage: user + system; this process runs one thread of
 * JavaScript, V8's helpers aside), so a shared machine's load changes the figures less
 * than the wall time. `--quick`: a tenth of each.
 */
import { IndexCounts } from '../src/analyze/index-counts.js';
import { JourneyColumns } from '../src/analyze/journey-columns.js';
import { indexedCounts } from '../src/analyze/latency-histogram.js';
import { newHistogram } from '../src/engine/node/aggregate.js';
import { QUICK } from './_harness.js';

const PART = QUICK ? 10 : 1;

function cpuMs<T>(f: () => T): { ms: number; out: T } {
  const c0 = process.cpuUsage();
  const out = f();
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, out };
}

/** A latency stream like a night's: log-normal-ish around 60 ms, in whole µs (deterministic). */
function latencies(n: number): Float64Array {
  const out = new Float64Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const u = x / 2147483648;
    out[i] = Math.max(1, Math.round(60_000 * Math.exp(2 * (u - 0.5)) * (1 + (i % 7) / 3)));
  }
  return out;
}

function aggregates(): string {
  const seconds = 14_400 / PART;
  const kinds = 8;
  const perSecond = Math.round(31_545_000 / 14_400);
  const lat = latencies(perSecond * 4);
  // What reading gives the accumulator, summed so neither side's work can be skipped.
  const run = (make: () => { recordValue(v: number): void; reset(): void }, read: (h: unknown) => number) => {
    const hs = Array.from({ length: kinds }, make);
    let check = 0;
    for (let s = 0; s < seconds; s++) {
      for (let i = 0; i < perSecond; i++)
        (hs[i % kinds] as { recordValue(v: number): void }).recordValue(lat[(s * 131 + i) % lat.length] as number);
      for (const h of hs) {
        check += read(h);
        h.reset();
      }
    }
    return check;
  };
  const peer = cpuMs(() =>
    run(
      () => newHistogram(32),
      (h) => indexedCounts(h as ReturnType<typeof newHistogram>)?.sumUs ?? 0,
    ),
  );
  const ours = cpuMs(() =>
    run(
      () => new IndexCounts(),
      (h) => (h as IndexCounts).read().sumUs,
    ),
  );
  if (peer.out !== ours.out) throw new Error(`the two read different sums: ${peer.out} ≠ ${ours.out}`);
  return row(
    `per-second aggregates, ${fmt(seconds * perSecond)} requests`,
    ours.ms,
    'hdr-histogram-js + indexedCounts',
    peer.ms,
  );
}

function columns(): string {
  const n = Math.round(5_257_500 / PART);
  const outcomes = ['completed', 'error', 'gave_up'];
  const peer = cpuMs(() => {
    const cols: unknown[][] = Array.from({ length: 8 }, () => []);
    for (let i = 0; i < n; i++) {
      cols[0]?.push(1.7e12 + i * 2.7);
      cols[1]?.push(i);
      cols[2]?.push(outcomes[i % 3]);
      cols[3]?.push(1 + (i % 5));
      cols[4]?.push(1234.5 + i);
      cols[5]?.push(Number.NaN);
      cols[6]?.push(true);
      cols[7]?.push(false);
    }
    return cols[0]?.length;
  });
  const ours = cpuMs(() => {
    const j = new JourneyColumns();
    for (let i = 0; i < n; i++)
      j.push(1.7e12 + i * 2.7, i, outcomes[i % 3] as string, 1 + (i % 5), 1234.5 + i, Number.NaN, undefined, undefined);
    return j.length;
  });
  return row(`journey columns, ${fmt(n)} journeys`, ours.ms, 'eight plain arrays', peer.ms);
}

function batches(): string {
  const n = Math.round(400 / PART);
  const size = 1 << 19;
  const fill = (a: Float64Array) => {
    for (let i = 0; i < size; i++) a[i] = i;
    return a;
  };
  const peer = cpuMs(() => {
    for (let k = 0; k < n; k++) fill(new Float64Array(size));
  });
  const ours = cpuMs(() => {
    const a = new Float64Array(size);
    for (let k = 0; k < n; k++) fill(a);
  });
  return row(`batches, ${n} × 4 MB filled`, ours.ms, 'a fresh array each', peer.ms);
}

const fmt = (x: number) => Math.round(x).toLocaleString('en');
function row(what: string, ms: number, peerName: string, peerMs: number): string {
  return `${what.padEnd(44)} ${fmt(ms).padStart(7)} CPU-ms   peer (${peerName}) ${fmt(peerMs).padStart(7)} CPU-ms   ×${(peerMs / ms).toFixed(1)}`;
}

for (const f of [aggregates, columns, batches]) process.stdout.write(`${f()}\n`);
