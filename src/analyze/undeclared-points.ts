import type { TagSet } from '../results/read-tag-sets.js';
import { MetricAgg, type MetricAggData } from './metric-agg.js';

/**
 * What a part that has not seen a metric's declaration keeps of its points for the
 * merge's submetrics: per tag set, its figures (count, sum, extremes, latest point),
 * and when the metric's aggregate keeps its values, which tag set each point had (4
 * bytes a point, aligned with those values). Tag sets are few per metric
 * (read-tag-sets.ts), each kept once as its tags (a TagSet may read the reader's buffer).
 */
export class UndeclaredPoints {
  private ids: Uint32Array | null;
  private count = 0;
  private readonly sets: TagSetPoints[] = [];
  private readonly setOf = new Map<TagSet, TagSetPoints>();
  private lastSet: TagSet | undefined;
  private lastPoints: TagSetPoints | undefined;

  /** `withIds`: the metric's aggregate keeps its values (a trend, or of unknown type). */
  constructor(withIds: boolean) {
    this.ids = withIds ? new Uint32Array(64) : null;
  }

  add(t: number, v: number, ts: TagSet): void {
    let p = this.lastPoints as TagSetPoints;
    if (ts !== this.lastSet) {
      p = this.find(ts);
      this.lastSet = ts;
      this.lastPoints = p;
    }
    if (t >= p.figures.lastTime) p.lastAt = this.count;
    p.figures.add(t, v);
    const ids = this.ids;
    if (ids !== null) {
      if (this.count === ids.length) {
        const grown = new Uint32Array(ids.length * 2);
        grown.set(ids);
        this.ids = grown;
        grown[this.count] = p.id;
      } else ids[this.count] = p.id;
    }
    this.count++;
  }

  /** A metric's first few tag sets by a scan (cheaper than a Map's hash of an object), the rest by the Map. */
  private find(ts: TagSet): TagSetPoints {
    const sets = this.sets;
    const n = Math.min(sets.length, SCANNED_SETS);
    for (let i = 0; i < n; i++) if ((sets[i] as TagSetPoints).ts === ts) return sets[i] as TagSetPoints;
    const known = this.setOf.get(ts);
    if (known !== undefined) return known;
    // A counter's aggregate keeps figures only (count, sum, extremes, latest).
    const p = { id: sets.length, ts, tags: ts.tags, figures: new MetricAgg('counter'), lastAt: -1 };
    sets.push(p);
    if (p.id >= SCANNED_SETS) this.setOf.set(ts, p);
    return p;
  }

  toData(): UndeclaredData {
    return {
      count: this.count,
      ids: this.ids ? this.ids.slice(0, this.count) : null,
      sets: this.sets.map((p) => ({ id: p.id, tags: p.tags, figures: p.figures.toData(), lastAt: p.lastAt })),
    };
  }
}

const SCANNED_SETS = 8;

interface TagSetPoints {
  id: number;
  /** Only to find the record again (never read: a TagSet may read the reader's buffer). */
  ts: TagSet;
  tags: Readonly<Record<string, string>>;
  figures: MetricAgg;
  /** The index, among the metric's points in the part, of the latest (a later line wins a tie). */
  lastAt: number;
}

export type TagSetData = Omit<TagSetPoints, 'figures' | 'ts'> & { figures: MetricAggData };

export interface UndeclaredData {
  count: number;
  ids: Uint32Array | null;
  sets: TagSetData[];
}
