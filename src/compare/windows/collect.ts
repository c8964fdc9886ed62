import type { Sample } from '../../results/reader.js';
import { childSpec, specKey, type SeriesSpec } from './series-spec.js';
import { addTrend, emptyTrend, mergeWindow, type AnyWindow, type ShareWindow, type TrendWindow } from './window.js';

/** Windows start at 100 ms and double whenever a run would need more than MAX_WINDOWS. */
export const START_WIDTH_MS = 100;
export const MAX_WINDOWS = 256;

interface Live {
  spec: SeriesSpec;
  windows: Map<number, AnyWindow>;
  children?: Map<string, Live>;
}

/**
 * Streams a run's samples into per-window accumulators, one series per spec, with
 * memory bounded by MAX_WINDOWS × series whatever the run's length: when the span of
 * windows would pass MAX_WINDOWS, the width doubles and neighbours merge
 * (floor(k/2) of a window index is its index at twice the width, since
 * ⌊⌊t/w⌋/2⌋ = ⌊t/2w⌋). The result is 128–256 windows for any run longer than 13 s,
 * enough for a block bootstrap (blocks of ⌈n^(1/3)⌉ ≈ 6 windows).
 */
export class WindowCollector {
  widthMs = START_WIDTH_MS;
  private minKey = Infinity;
  private maxKey = -Infinity;
  private readonly byMetric = new Map<string, Live[]>();
  private readonly all: Live[] = [];
  samples = 0;

  /** @param t0 epoch ms of window 0 (the run's opening); the first sample's time when omitted. */
  constructor(
    specs: readonly SeriesSpec[],
    private t0?: number,
  ) {
    const seen = new Set<string>();
    for (const spec of specs) {
      const key = specKey(spec);
      if (seen.has(key)) continue;
      seen.add(key);
      const live: Live = {
        spec,
        windows: new Map(),
        ...(spec.type === 'trend' && spec.splitTag ? { children: new Map() } : {}),
      };
      this.all.push(live);
      const list = this.byMetric.get(spec.metric) ?? [];
      list.push(live);
      this.byMetric.set(spec.metric, list);
    }
  }

  add(s: Sample): void {
    const lives = this.byMetric.get(s.metric);
    if (!lives) return;
    this.samples++;
    this.t0 ??= Math.floor(s.timeMs / 1000) * 1000;
    let key = Math.floor((s.timeMs - this.t0) / this.widthMs);
    if (key < this.minKey || key > this.maxKey) {
      this.minKey = Math.min(this.minKey, key);
      this.maxKey = Math.max(this.maxKey, key);
      while (this.maxKey - this.minKey + 1 > MAX_WINDOWS) {
        this.double();
        key = Math.floor((s.timeMs - this.t0) / this.widthMs);
      }
    }
    for (const live of lives) {
      if (!matches(live.spec.tags, s.tags)) continue;
      if (live.children) {
        const v = s.tags[(live.spec as { splitTag: string }).splitTag];
        if (v === undefined) continue;
        let child = live.children.get(v);
        if (!child) {
          child = { spec: childSpec(live.spec as SeriesSpec & { type: 'trend' }, v), windows: new Map() };
          live.children.set(v, child);
        }
        addTo(child, key, s);
      } else {
        addTo(live, key, s);
      }
    }
  }

  private double(): void {
    this.widthMs *= 2;
    this.minKey = Math.floor(this.minKey / 2);
    this.maxKey = Math.floor(this.maxKey / 2);
    for (const live of this.lives()) {
      const merged = new Map<number, AnyWindow>();
      for (const [k, w] of live.windows) {
        const nk = Math.floor(k / 2);
        const into = merged.get(nk);
        if (into) mergeWindow(into, w);
        else merged.set(nk, w);
      }
      live.windows = merged;
    }
  }

  private *lives(): Generator<Live> {
    for (const l of this.all) {
      yield l;
      if (l.children) yield* l.children.values();
    }
  }

  /** Series as dense arrays of windows, all on one time axis: index 0 is the first window with any sample. */
  result(): CollectedRun {
    const n = Number.isFinite(this.minKey) ? this.maxKey - this.minKey + 1 : 0;
    const series = new Map<string, Array<AnyWindow | undefined>>();
    const splits = new Map<string, string[]>();
    for (const live of this.lives()) {
      const arr = new Array<AnyWindow | undefined>(n).fill(undefined);
      for (const [k, w] of live.windows) arr[k - this.minKey] = w;
      series.set(specKey(live.spec), arr);
      if (live.children) splits.set(specKey(live.spec), [...live.children.keys()].sort());
    }
    return { widthMs: this.widthMs, windows: n, samples: this.samples, series, splits };
  }
}

export interface CollectedRun {
  widthMs: number;
  /** Windows on the time axis (some may hold no sample of a given series). */
  windows: number;
  /** Samples that fed at least one spec's metric. */
  samples: number;
  /** By spec key: one entry per window, undefined where the series had no sample. */
  series: Map<string, Array<AnyWindow | undefined>>;
  /** Split specs' key → the tag values seen (one child series each), sorted. */
  splits: Map<string, string[]>;
}

function matches(want: Record<string, string>, tags: Readonly<Record<string, string>>): boolean {
  for (const k in want) if (tags[k] !== want[k]) return false;
  return true;
}

function addTo(live: Live, key: number, s: Sample): void {
  let w = live.windows.get(key);
  const spec = live.spec;
  if (!w) {
    w = spec.type === 'trend' ? emptyTrend() : spec.type === 'share' ? { hits: 0, total: 0 } : { sum: 0 };
    live.windows.set(key, w);
  }
  if (spec.type === 'trend') addTrend(w as TrendWindow, s.value, s.timeMs);
  else if (spec.type === 'share') {
    const sw = w as ShareWindow;
    sw.total++;
    if (spec.hit === 'nonzero' ? s.value !== 0 : s.tags[spec.hit.tag] === spec.hit.value) sw.hits++;
  } else (w as { sum: number }).sum += s.value;
}
