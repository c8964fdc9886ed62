/**
 * Counters per second (a few columns each), keyed by the second since the series'
 * origin. A Map, not an array: merged files arrive out of order and may start before
 * the opening. Memory grows with the run's length in seconds, not with its samples.
 */
export class SecondSeries {
  readonly rows = new Map<number, number[]>();
  constructor(private readonly columns: number) {}

  private lastSecond = Number.NaN;
  private lastRow: number[] = [];

  add(second: number, column: number, n: number): void {
    let row = this.lastRow;
    if (second !== this.lastSecond) {
      const r = this.rows.get(second);
      if (r) row = r;
      else {
        row = new Array<number>(this.columns).fill(0);
        this.rows.set(second, row);
      }
      this.lastSecond = second;
      this.lastRow = row;
    }
    row[column] = (row[column] as number) + n;
  }

  /** Adds another series' rows (another part of the same run). */
  merge(rows: Map<number, number[]>): void {
    for (const [s, r] of rows) for (let c = 0; c < r.length; c++) this.add(s, c, r[c] as number);
  }

  get(second: number, column: number): number {
    return this.rows.get(second)?.[column] ?? 0;
  }

  /** Seconds present, ascending. */
  seconds(): number[] {
    return [...this.rows.keys()].sort((a, b) => a - b);
  }

  /** Highest sum over `width` consecutive seconds of one column (missing seconds count 0). */
  peak(column: number, width: number): number {
    const secs = this.seconds();
    let best = 0;
    let sum = 0;
    let lo = 0;
    for (let hi = 0; hi < secs.length; hi++) {
      const s = secs[hi] as number;
      sum += this.get(s, column);
      while ((secs[lo] as number) <= s - width) sum -= this.get(secs[lo++] as number, column);
      if (sum > best) best = sum;
    }
    return best;
  }
}
