/**
 * Which load levels a sweep runs, decided as it goes (a pure state machine: feed it
 * each level's result, ask for the next):
 *
 *   explore: start, start·g, start·g², …  until goodput stops rising (< +5 % over the
 *            level before) or the error rate passes the limit
 *      │
 *      ▼
 *   fill:    the remaining levels inside the knee's bracket (the two levels before the
 *            stall to the stall, geometrically spaced), then beyond it (×1.25 steps) to
 *            see whether throughput turns down — the points the USL's κ is fitted from
 *      │
 *      ▼
 *   done:    every level run; or the portal collapsed (goodput fell at two levels in a
 *            row); or the ceiling (--max) was reached while goodput still rose
 */
export interface StaircaseOptions {
  start: number;
  growth: number;
  levels: number;
  max: number;
  /** Stop climbing once the share of error responses passes this. */
  errorLimit: number;
  /** Loads are whole numbers (concurrency) or not (arrival rates). */
  integer: boolean;
}

export interface LevelOutcome {
  load: number;
  goodput: number;
  errorRate: number;
}

export type StopReason = 'completed' | 'collapsed' | 'error-limit' | 'ceiling' | 'still-rising';

const RISE = 1.05;

export class Staircase {
  private readonly done: LevelOutcome[] = [];
  private phase: 'explore' | 'fill' | 'done' = 'explore';
  private queue: number[] = [];
  /** Index in `queue` where levels beyond the knee start (they are checked for collapse). */
  private beyondFrom = Infinity;
  private queueIndex = 0;
  /** The stall level and the levels beyond it, in ascending load: where a collapse shows. */
  private chain: LevelOutcome[] = [];
  reason: StopReason = 'completed';

  constructor(private readonly o: StaircaseOptions) {
    if (!(o.start > 0 && o.growth > 1 && o.levels >= 1 && o.max >= o.start))
      throw new RangeError('Staircase requires start > 0, growth > 1, levels ≥ 1 and max ≥ start');
  }

  private round(v: number): number {
    return this.o.integer ? Math.round(v) : Number(v.toPrecision(3));
  }

  /** The next load to run, or null when the sweep is over (see `reason`). */
  next(): number | null {
    if (this.phase === 'done' || this.done.length >= this.o.levels)
      return this.finish(this.phase === 'explore' ? 'still-rising' : 'completed');
    if (this.done.length === 0) return this.o.start;
    if (this.phase === 'explore') {
      const last = this.done[this.done.length - 1] as LevelOutcome;
      const nextLoad = Math.min(
        this.o.max,
        Math.max(last.load + (this.o.integer ? 1 : 0), this.round(last.load * this.o.growth)),
      );
      if (nextLoad <= last.load) return this.finish('ceiling');
      return nextLoad;
    }
    const q = this.queue[this.queueIndex++];
    return q === undefined ? this.finish('completed') : q;
  }

  /** Records the result of the level `next()` returned. */
  record(r: LevelOutcome): void {
    const prev = this.done[this.done.length - 1];
    this.done.push(r);
    if (this.phase === 'explore') {
      if (r.errorRate > this.o.errorLimit) {
        this.startFill(false, 'error-limit');
        return;
      }
      if (prev && r.goodput < prev.goodput * RISE) {
        this.startFill(true);
        return;
      }
      return;
    }
    // Beyond the knee: two falls in a row is a collapse; stop loading the portal.
    if (this.queueIndex - 1 >= this.beyondFrom) {
      this.chain.push(r);
      const c = this.chain.slice(-3);
      if (
        c.length === 3 &&
        c[2]!.goodput <= c[1]!.goodput &&
        c[1]!.goodput <= c[0]!.goodput &&
        c[2]!.goodput < c[0]!.goodput
      )
        this.finish('collapsed');
      if (r.errorRate > this.o.errorLimit) this.finish('error-limit');
    }
  }

  private startFill(beyond: boolean, reason?: StopReason): void {
    const loads = this.done.map((d) => d.load);
    const n = loads.length;
    const b = loads[n - 1] as number;
    const a = n >= 3 ? (loads[n - 3] as number) : b / this.o.growth ** 2;
    const rem = this.o.levels - n;
    const want = beyond ? Math.ceil(rem / 2) : rem;
    const inside = this.between(a, b, want, loads);
    const after: number[] = [];
    let v = b;
    while (beyond && inside.length + after.length < rem) {
      v = Math.max(v + (this.o.integer ? 1 : 0), this.round(v * 1.25));
      if (v > this.o.max) break;
      after.push(v);
    }
    this.queue = [...inside.sort((x, y) => x - y), ...after];
    this.chain = [this.done[n - 1] as LevelOutcome];
    this.beyondFrom = inside.length;
    this.queueIndex = 0;
    this.phase = 'fill';
    if (reason) this.reason = reason;
  }

  /**
   * `want` new loads strictly between a and b, geometrically spread: the finest grid that
   * yields enough loads not run yet, thinned evenly (integer loads may leave fewer).
   */
  private between(a: number, b: number, want: number, run: readonly number[]): number[] {
    let best: number[] = [];
    for (let m = want; m <= 8 * want + 8 && best.length < want; m++) {
      const grid: number[] = [];
      for (let i = 1; i <= m; i++) {
        const v = this.round(a * (b / a) ** (i / (m + 1)));
        if (v > a && v < b && !run.includes(v) && !grid.includes(v)) grid.push(v);
      }
      if (grid.length > best.length) best = grid;
    }
    if (best.length <= want) return best.sort((x, y) => x - y);
    return Array.from(
      { length: want },
      (_, j) => best[Math.round((j * (best.length - 1)) / Math.max(1, want - 1))] as number,
    ).sort((x, y) => x - y);
  }

  private finish(reason: StopReason): null {
    if (this.phase !== 'done') {
      this.phase = 'done';
      if (this.reason === 'completed') this.reason = reason;
    }
    return null;
  }
}
