/**
 * An append-only column of numbers in fixed chunks of typed arrays (64 Ki values each),
 * for what the accumulator keeps per journey (a full-scale night: 5.26 million rows).
 *
 * Why not a plain array: pushing grows it by copying into a new backing store half again
 * as large, so a column touches about three times its final size of fresh memory, and
 * fresh memory is what costs here (a page fault per 4 KB page: 36 µs on this project's
 * machine, where writing the page costs under 1 µs; eight columns of 5.26 million rows
 * took 10 s of the recording thread). Chunks are never copied, so each page is touched
 * once, and a chunk whose values all equal the column's `fill` (an election night's
 * journeys have no score) is never allocated at all.
 */
export type ColumnArray = Float64Array | Uint8Array | Uint32Array;

const SHIFT = 16;
const SIZE = 1 << SHIFT;
const MASK = SIZE - 1;

/** A column as plain data (a worker thread's part of a run, structured-cloned). */
export interface ColumnData {
  chunks: Array<ColumnArray | undefined>;
  length: number;
}

export class Column {
  length = 0;
  private chunks: Array<ColumnArray | undefined> = [];

  /**
   * `make`: a chunk's typed array (its type bounds the values: Uint8Array for flags,
   * Uint32Array for small ids, Float64Array for any number); `fill`: the value of rows in
   * chunks not allocated (NaN for a Float64Array column of mostly missing values).
   */
  constructor(
    private readonly make: (n: number) => ColumnArray,
    readonly fill = 0,
  ) {}

  push(v: number): void {
    const n = this.length++;
    const c = this.chunks[n >>> SHIFT];
    if (c !== undefined) c[n & MASK] = v;
    else if (!Object.is(v, this.fill)) this.chunk(n >>> SHIFT)[n & MASK] = v;
  }

  get(i: number): number {
    const c = this.chunks[i >>> SHIFT];
    return c === undefined ? this.fill : (c[i & MASK] as number);
  }

  /** Chunk k, allocated (its rows so far were all `fill`). */
  private chunk(k: number): ColumnArray {
    const c = this.make(SIZE);
    if (this.fill !== 0) c.fill(this.fill);
    this.chunks[k] = c;
    return c;
  }

  toData(): ColumnData {
    return { chunks: this.chunks, length: this.length };
  }

  /** Appends another column's rows (as data) after these. */
  append(d: ColumnData): void {
    for (let i = 0; i < d.length; i++) {
      const c = d.chunks[i >>> SHIFT];
      this.push(c === undefined ? this.fill : (c[i & MASK] as number));
    }
  }
}
