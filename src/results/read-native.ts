import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bytesOf, type Bytes } from './read-byte-match.js';
import type { PointScanner, PointSink } from './read-point-bytes.js';
import { type MetricRef, ParsedTags, type TagSet } from './read-tag-sets.js';

/**
 * The native line scanner (native/k6-scan.cc, built by `npm install` through node-gyp)
 * in front of the JavaScript byte reader: it reads the fields of every Point line of a
 * block into records, and hands back the lines it does not accept exactly as the byte
 * reader would (other shapes, odd spellings, a Metric line) for the JavaScript path.
 * Metric names and tag sets are still interned by the PointScanner's tables, once per
 * distinct bytes: the native side only says which slot a line's tags occupy.
 *
 * Optional: without a compiler the build is skipped and the JavaScript reader does all
 * (same results, ~1.7× slower); REHEARSE_NATIVE=0 turns it off.
 */
interface Addon {
  layout: number;
  create(recs: Int32Array, nums: Float64Array, pairs: Int32Array): unknown;
  scan(handle: unknown, buf: Buffer, start: number, end: number, head: Int32Array): number;
}

// Record layout of native/k6-scan.cc (LAYOUT there).
const LAYOUT = 2;
const STRIDE_I = 12;
const STRIDE_D = 2;
const K_FALLBACK = 1;
const F_NEW_METRIC = 2;
const F_NEW_SLOT = 4;
const RECORDS = 8192;
/** Pair offsets per scan: room for 8 pairs a record on average (a scan stops early when full). */
const PAIRS = RECORDS * 4 * 8;

/**
 * Where node-gyp puts the addon (build/Release under the project root), or where
 * `useAddon` said: a worker thread runs a bundle with no module URL of its own.
 */
let addonPath: string | null | undefined;

export function defaultAddonPath(): string | null {
  try {
    return fileURLToPath(new URL('../../build/Release/k6_scan.node', import.meta.url));
  } catch {
    return null;
  }
}

/** Reads from now on use the addon at `path` (null: none). */
export function useAddon(path: string | null): void {
  addonPath = path;
  addon = undefined;
}

let addon: Addon | null | undefined;

/** The path of the addon reads load (null: none). */
export function addonInUse(): string | null {
  return loadAddon() ? (addonPath ?? null) : null;
}

/** The addon, or null when it is not built, cannot load, or REHEARSE_NATIVE=0. */
export function loadAddon(): Addon | null {
  if (process.env.REHEARSE_NATIVE === '0') return null;
  if (addon !== undefined) return addon;
  if (addonPath === undefined) addonPath = defaultAddonPath();
  addon = null;
  if (addonPath && existsSync(addonPath)) {
    try {
      const a = createRequire(addonPath)(addonPath) as Addon;
      // A build left from another version of this file would misread the records: rebuild with `npm run native`.
      addon = a.layout === LAYOUT ? a : null;
    } catch {
      addon = null; // built for another platform, say: the JavaScript reader is exact too
    }
  }
  return addon;
}

const byScanner = new WeakMap<PointScanner, NativeBlockScanner | null>();

/** The native scanner paired with a PointScanner (one per read), or null without the addon. */
export function nativeScanner(scanner: PointScanner): NativeBlockScanner | null {
  let n = byScanner.get(scanner);
  if (n === undefined) {
    const a = loadAddon();
    n = a ? new NativeBlockScanner(a, scanner) : null;
    byScanner.set(scanner, n);
  }
  return n;
}

/** What the caller does with a line the native side left to it. */
export type LineHandler = (buf: Buffer, start: number, end: number, lineNo: number) => void;

export class NativeBlockScanner {
  private readonly recs = new Int32Array(RECORDS * STRIDE_I);
  private readonly nums = new Float64Array(RECORDS * STRIDE_D);
  /** Offsets of the pairs of per-sample tag sets, found by the scanner (refilled by each scan). */
  private readonly pairs = new Int32Array(PAIRS);
  private readonly head = new Int32Array(2);
  private readonly handle: unknown;
  private readonly metrics: MetricRef[] = [];
  /** Per native metric id: the TagSet in each slot (null: not kept, ask the table again). */
  private readonly slots: Array<Array<TagSet | null | undefined>> = [];
  private b: Bytes = bytesOf(Buffer.alloc(0));

  constructor(
    private readonly addon: Addon,
    private readonly scanner: PointScanner,
  ) {
    this.handle = addon.create(this.recs, this.nums, this.pairs);
  }

  /**
   * The lines of buf[start, end) (start at a line start): points to `sink`, other lines
   * to `other` with their number (`lineNo` + their index, from 1). Returns the number of
   * lines read, blank ones included; `samples` counts the points handed to `sink`.
   */
  block(
    buf: Buffer,
    start: number,
    end: number,
    lineNo: number,
    sink: PointSink,
    other: LineHandler,
  ): { lines: number; samples: number } {
    if (this.b.buf !== buf) this.b = bytesOf(buf);
    const b = this.b;
    const { recs, nums, head, metrics, slots } = this;
    let lines = 0;
    let samples = 0;
    let s = start;
    while (s < end) {
      const n = this.addon.scan(this.handle, buf, s, end, head);
      for (let r = 0; r < n; r++) {
        const i = r * STRIDE_I;
        const kind = recs[i] as number;
        const line = lineNo + lines + (recs[i + 1] as number);
        if (kind === K_FALLBACK) {
          other(buf, recs[i + 8] as number, recs[i + 9] as number, line);
          continue;
        }
        const id = recs[i + 2] as number;
        if (kind & F_NEW_METRIC) {
          metrics[id] = this.scanner.metrics.get(b, recs[i + 4] as number, recs[i + 5] as number);
          slots[id] = [];
        }
        const metric = metrics[id] as MetricRef;
        const slot = recs[i + 3] as number;
        const ts0 = recs[i + 6] as number;
        const ts1 = recs[i + 7] as number;
        let tags: TagSet | null | undefined;
        if (slot < 0) {
          // Per-sample tags: read in place from the pairs the scanner found, when it could.
          const np = recs[i + 11] as number;
          tags =
            np >= 0
              ? metric.tagSets.rawAt(b, ts0, ts1, this.pairs, recs[i + 10] as number, np)
              : metric.tagSets.get(b, ts0, ts1);
        } else {
          const table = slots[id] as Array<TagSet | null | undefined>;
          if (kind & F_NEW_SLOT) {
            table[slot + 1] = table[slot];
            tags = metric.tagSets.get(b, ts0, ts1);
            // Only a parsed object outlives the block (a set read in place points into it).
            table[slot] = tags instanceof ParsedTags ? tags : null;
          } else {
            tags = table[slot] ?? metric.tagSets.get(b, ts0, ts1);
          }
        }
        if (tags === undefined || tags === null) {
          // Tags that are not an object: the JavaScript path decides (malformed, or its string path).
          other(buf, recs[i + 8] as number, recs[i + 9] as number, line);
          continue;
        }
        sink.point(metric, nums[2 * r] as number, nums[2 * r + 1] as number, tags);
        samples++;
      }
      lines += head[1] as number;
      s = head[0] as number;
    }
    return { lines, samples };
  }
}
