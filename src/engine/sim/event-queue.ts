/**
 * The simulator's future-event list: a min-heap of (time, insertion order), so events at
 * the same virtual instant run in the order they were scheduled and a simulation is the
 * same sequence of events on every run (determinism by seed). Any correct priority queue
 * on that key pops the same sequence, so the layout below changes speed, never output.
 *
 * Layout, for the full night's 200,000–400,000 pending events (a heap far larger than the
 * CPU's caches, where the cost of a pop is its cache misses, one or more per level):
 * - **4-ary** (children of i are 4i+1 … 4i+4): half the levels of a binary heap (about 9
 *   at 400,000), and the four children a sift-down compares lie side by side in memory
 *   (D. B. Johnson, "Priority queues with update and finding minimum spanning trees",
 *   Information Processing Letters 4(3), 1975; LaMarca & Ladner, "The influence of caches
 *   on the performance of heaps", ACM JEA 1, 1996).
 * - **Keys interleaved** (`keys[2i]` the time, `keys[2i + 1]` the order): one entry's
 *   comparison touches one place, not two arrays.
 * - **Payloads stay put**: a heap entry carries a slot number (`slots[i]`); the event's
 *   payload and kind live in `items[slot]` / `kinds[slot]`, written once at push and read
 *   once at pop, so a sift moves three numbers per level and no object pointer (no write
 *   barrier). Freed slots are reused (a stack).
 *
 * Allocates nothing once the arrays have grown. O(log n) per push and pop.
 */
export class EventQueue<T> {
  private keys = new Float64Array(2048);
  private slots = new Int32Array(1024);
  private kinds = new Uint8Array(1024);
  private items: Array<T | undefined> = new Array(1024).fill(undefined);
  /** Free payload slots (a stack); `nFree` of them. */
  private free = new Int32Array(1024);
  private nFree = 0;
  /** Slots ever handed out (the high-water mark). */
  private nSlots = 0;
  private n = 0;
  private counter = 0;
  /** Time of the event `pop` returned last. */
  time = 0;
  /** Kind (0–255, the caller's) of the event `pop` returned last. */
  kind = 0;

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.n > 0 ? (this.keys[0] as number) : Infinity;
  }

  push(time: number, item: T, kind = 0): void {
    if (this.n === this.slots.length) this.grow();
    const s = this.nFree > 0 ? (this.free[--this.nFree] as number) : this.nSlots++;
    this.items[s] = item;
    this.kinds[s] = kind;
    const order = this.counter++;
    const keys = this.keys;
    const slots = this.slots;
    let i = this.n++;
    // Sift up: move parents down until the place for (time, order) is found.
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = keys[2 * p] as number;
      // A parent pushed earlier at the same time comes first: only a strictly later one moves down.
      if (pt <= time) break;
      keys[2 * i] = pt;
      keys[2 * i + 1] = keys[2 * p + 1] as number;
      slots[i] = slots[p] as number;
      i = p;
    }
    keys[2 * i] = time;
    keys[2 * i + 1] = order;
    slots[i] = s;
  }

  /** Removes and returns the earliest event; `undefined` when empty. */
  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const keys = this.keys;
    const slots = this.slots;
    const s0 = slots[0] as number;
    this.time = keys[0] as number;
    this.kind = this.kinds[s0] as number;
    const top = this.items[s0];
    this.items[s0] = undefined;
    this.free[this.nFree++] = s0;
    const last = --this.n;
    if (last > 0) {
      // Sift down the last entry from the root.
      const t = keys[2 * last] as number;
      const o = keys[2 * last + 1] as number;
      const sl = slots[last] as number;
      let i = 0;
      for (;;) {
        const first = 4 * i + 1;
        if (first >= last) break;
        // The least of up to four children, by (time, order).
        let c = first;
        let ct = keys[2 * first] as number;
        let co = keys[2 * first + 1] as number;
        const end = first + 4 < last ? first + 4 : last;
        for (let j = first + 1; j < end; j++) {
          const jt = keys[2 * j] as number;
          if (jt < ct || (jt === ct && (keys[2 * j + 1] as number) < co)) {
            c = j;
            ct = jt;
            co = keys[2 * j + 1] as number;
          }
        }
        if (t < ct || (t === ct && o < co)) break;
        keys[2 * i] = ct;
        keys[2 * i + 1] = co;
        slots[i] = slots[c] as number;
        i = c;
      }
      keys[2 * i] = t;
      keys[2 * i + 1] = o;
      slots[i] = sl;
    }
    return top;
  }

  private grow(): void {
    const cap = this.slots.length * 2;
    const k = new Float64Array(2 * cap);
    k.set(this.keys);
    this.keys = k;
    const s = new Int32Array(cap);
    s.set(this.slots);
    this.slots = s;
    const kd = new Uint8Array(cap);
    kd.set(this.kinds);
    this.kinds = kd;
    const f = new Int32Array(cap);
    f.set(this.free);
    this.free = f;
    for (let i = this.items.length; i < cap; i++) this.items.push(undefined);
  }
}
