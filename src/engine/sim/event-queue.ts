/**
 * The simulator's future-event list: a binary min-heap of (time, insertion order),
 * so events at the same virtual instant run in the order they were scheduled and a
 * simulation is the same sequence of events on every run (determinism by seed).
 *
 * Times, orders and kinds live in typed arrays and payloads in a plain array, all
 * indexed alike: a push or pop moves numbers, not objects, and allocates nothing once
 * the arrays have grown. An event is a (kind, payload) pair kept apart, so the caller
 * need not allocate an object per event to say what it is. Cost O(log n) per push and pop (Cormen et al., Introduction to
 * Algorithms, ch. 6); at election night's peak n ≈ 200,000, about 18 levels.
 */
export class EventQueue<T> {
  private times = new Float64Array(1024);
  private orders = new Float64Array(1024);
  private kinds = new Uint8Array(1024);
  private items: Array<T | undefined> = [];
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
    return this.n > 0 ? (this.times[0] as number) : Infinity;
  }

  push(time: number, item: T, kind = 0): void {
    if (this.n === this.times.length) this.grow();
    const order = this.counter++;
    let i = this.n++;
    const times = this.times;
    const orders = this.orders;
    const kinds = this.kinds;
    const items = this.items;
    // Sift up: move parents down until the slot for (time, order) is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p] as number;
      if (pt < time || (pt === time && (orders[p] as number) < order)) break;
      times[i] = pt;
      orders[i] = orders[p] as number;
      kinds[i] = kinds[p] as number;
      items[i] = items[p];
      i = p;
    }
    times[i] = time;
    orders[i] = order;
    kinds[i] = kind;
    items[i] = item;
  }

  /** Removes and returns the earliest event; `undefined` when empty. */
  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const items = this.items;
    const top = items[0];
    this.time = this.times[0] as number;
    this.kind = this.kinds[0] as number;
    const last = --this.n;
    const times = this.times;
    const orders = this.orders;
    const kinds = this.kinds;
    const t = times[last] as number;
    const o = orders[last] as number;
    const k = kinds[last] as number;
    const it = items[last];
    items[last] = undefined;
    let i = 0;
    // Sift down the last element from the root.
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last) {
        const ct = times[c] as number;
        const rt = times[r] as number;
        if (rt < ct || (rt === ct && (orders[r] as number) < (orders[c] as number))) c = r;
      }
      const ct = times[c] as number;
      if (t < ct || (t === ct && o < (orders[c] as number))) break;
      times[i] = ct;
      orders[i] = orders[c] as number;
      kinds[i] = kinds[c] as number;
      items[i] = items[c];
      i = c;
    }
    if (last > 0) {
      times[i] = t;
      orders[i] = o;
      kinds[i] = k;
      items[i] = it;
    }
    return top;
  }

  private grow(): void {
    const t = new Float64Array(this.times.length * 2);
    t.set(this.times);
    this.times = t;
    const o = new Float64Array(this.orders.length * 2);
    o.set(this.orders);
    this.orders = o;
    const k = new Uint8Array(this.kinds.length * 2);
    k.set(this.kinds);
    this.kinds = k;
  }
}
