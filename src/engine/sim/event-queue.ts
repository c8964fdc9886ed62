/**
 * The simulator's future-event list: events ordered by (time, insertion order), so events
 * at the same virtual instant run in the order they were scheduled and a simulation is
 * the same sequence of events on every run (determinism by seed). Any correct priority
 * queue on that key pops the same sequence, so the layout below changes speed, never
 * output.
 *
 * **A ladder of two rungs** (Tang, Goh & Thng's ladder queue, ACM TOMACS 15(3), 2005,
 * on R. Brown's calendar queue, CACM 31(10), 1988): no heap on the path of the night's
 * events.
 *
 * - **Buckets.** Virtual time is cut into buckets of `WIDTH` ms. An event due past the
 *   fine ring's reach is appended to its bucket's list in O(1), unsorted: a ring of
 *   `RING` buckets (about 35 minutes) of lists of chunks, each entry an event's time,
 *   order and kind in typed arrays (no allocation) and its payload in an array beside
 *   them, a bucket's entries side by side. The full night keeps 200,000–400,000 events
 *   pending, most of them visitors thinking for seconds or minutes. Later events (an
 *   invitation round hours ahead, a long Retry-After) wait in a heap, `far`.
 * - **The fine ring.** The clock's bucket and the next (`AHEAD`) are cut into slots of
 *   1/`PER_MS` ms, each a list kept sorted by (time, order). A bucket's events move
 *   into it when the clock enters the bucket before theirs; an event due within its
 *   reach (a service's end, a request in transit, the next arrival) goes straight in.
 *   `pop` takes the head of the clock's slot. At the full night's peak (about 6,700
 *   events a second) a slot holds one or two events, so a push walks a node or two and
 *   a pop compares nothing; the 4-ary heaps this replaced (one for the clock's bucket,
 *   one for service ends) held a few hundred events each, and their sifts, a mispredicted
 *   branch or two a level, were a sixth of the loop's time (perf annotate).
 * - `WIDTH` and `PER_MS` are powers of two, so `Math.floor(t / WIDTH)` and
 *   `Math.floor(t * PER_MS)` are exact and rise with `t`: no slot or bucket ever holds
 *   an event due before one in an earlier slot or bucket.
 *
 * Invariant: every event of a bucket below `drained` is in the fine ring, at the clock's
 * slot or later (an event pushed for a time already past waits in the clock's slot,
 * which it precedes); every other is in the ring (buckets `drained` to `drained + RING`)
 * or in `far`. `drained` is at most the clock's bucket + `AHEAD`, so the fine ring's
 * slots never wrap onto each other.
 */

/** Bucket width, ms of virtual time (a power of two: exact division). */
const WIDTH = 64;
/** Buckets in the ring (a power of two): 2^15 × 64 ms, about 35 minutes ahead. */
const RING = 1 << 15;
const MASK = RING - 1;
/** Entries in a chunk of a bucket's list (16 × 24 bytes: six cache lines read in order). */
const CHUNK = 16;
/** Fine slots per ms (a power of two: exact multiplication). */
const PER_MS = 4;
const PER_BUCKET = WIDTH * PER_MS;
/**
 * Buckets the fine ring holds: the clock's and the next. A bucket's payloads are read
 * ahead (`warm`) as it moves in, at most two bucket widths before they are popped; a
 * longer reach measured no faster.
 */
const AHEAD = 2;
const FSLOTS = PER_BUCKET * AHEAD;
const FMASK = FSLOTS - 1;

/**
 * A 4-ary min-heap of (time, order) keys carrying an integer (the queue's node), children
 * of i at 4i+1 … 4i+4 (Johnson, IPL 4(3), 1975), for the events past the ring.
 */
class KeyHeap {
  keys = new Float64Array(2048);
  nodes = new Int32Array(1024);
  n = 0;

  minTime(): number {
    return this.n > 0 ? (this.keys[0] as number) : Infinity;
  }

  push(time: number, order: number, node: number): void {
    if (this.n === this.nodes.length) this.grow();
    const keys = this.keys;
    const nodes = this.nodes;
    let i = this.n++;
    // Sift up: move parents down until the place for (time, order) is found.
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = keys[2 * p] as number;
      // Orders are unique and increase with every push: a parent at the same time pushed
      // earlier stays above; one pushed later (a bucket's events join late) moves down.
      if (pt < time || (pt === time && (keys[2 * p + 1] as number) < order)) break;
      keys[2 * i] = pt;
      keys[2 * i + 1] = keys[2 * p + 1] as number;
      nodes[i] = nodes[p] as number;
      i = p;
    }
    keys[2 * i] = time;
    keys[2 * i + 1] = order;
    nodes[i] = node;
  }

  /** Removes the least entry and returns the integer it carries (the caller checked `n > 0`). */
  pop(): number {
    const keys = this.keys;
    const nodes = this.nodes;
    const top = nodes[0] as number;
    const last = --this.n;
    if (last > 0) {
      // Sift down the last entry from the root.
      const t = keys[2 * last] as number;
      const o = keys[2 * last + 1] as number;
      const nd = nodes[last] as number;
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
        nodes[i] = nodes[c] as number;
        i = c;
      }
      keys[2 * i] = t;
      keys[2 * i + 1] = o;
      nodes[i] = nd;
    }
    return top;
  }

  private grow(): void {
    const k = new Float64Array(2 * this.keys.length);
    k.set(this.keys);
    this.keys = k;
    const s = new Int32Array(2 * this.nodes.length);
    s.set(this.nodes);
    this.nodes = s;
  }
}

export class EventQueue<T> {
  // The events of the fine ring and the far heap, as nodes: time, order, kind, payload and
  // the next node of the fine slot's list (kept sorted by time, then order).
  private times = new Float64Array(1024);
  private orders = new Float64Array(1024);
  private kinds = new Int32Array(1024);
  private nexts = new Int32Array(1024);
  private items: Array<T | undefined> = new Array(1024).fill(undefined);
  /** Free nodes (a stack); `nFree` of them; `nNodes` ever handed out. */
  private free = new Int32Array(1024);
  private nFree = 0;
  private nNodes = 0;
  private n = 0;
  private counter = 0;
  /** The fine ring: the first node of each slot's list (-1: empty). */
  private readonly heads = new Int32Array(FSLOTS).fill(-1);
  private inFine = 0;
  /** The clock's fine slot (a slot number: floor(time × PER_MS)); every fine event is at it or later. */
  private slot = 0;
  /** Every event of a bucket below this is in the fine ring; every other, in the ring of buckets or `far`. */
  private drained = Number.NEGATIVE_INFINITY;
  /** Events more than `RING` buckets past `drained`, by node. */
  private readonly far = new KeyHeap();
  /**
   * The ring's buckets: each a list of chunks of `CHUNK` entries (time, order, kind), filled
   * in the order pushed, from a pool of chunks (`chunks`, with each chunk's next and count).
   * A bucket's events lie side by side, so moving it into the fine ring reads memory in
   * order.
   */
  private chunks = new Float64Array(3 * CHUNK * 256);
  /** The payloads of the ring's entries, beside their chunks (entry i of chunk c at c × CHUNK + i). */
  private chunkItems: Array<T | undefined> = new Array(CHUNK * 256).fill(undefined);
  private chunkNext = new Int32Array(256);
  private chunkCount = new Int32Array(256);
  /** Free chunks (a stack); `nFreeChunks` of them; `nChunks` ever handed out. */
  private freeChunks = new Int32Array(256);
  private nFreeChunks = 0;
  private nChunks = 0;
  /** First and last chunk of each bucket of the ring (-1: empty). */
  private readonly first = new Int32Array(RING).fill(-1);
  private readonly last = new Int32Array(RING).fill(-1);
  /** Events in the ring's buckets. */
  private inRing = 0;
  /** Time of the event `pop` returned last. */
  time = 0;
  /** Kind (0–255, the caller's) of the event `pop` returned last. */
  kind = 0;

  /**
   * @param warm called for each event of a bucket as it moves into the fine ring, a bucket
   *   or two before it is popped: the caller reads the payload there so that the reads of
   *   a whole bucket, independent of each other, are in flight together (see `drainBucket`).
   */
  constructor(private readonly warm?: (item: T, kind: number) => void) {}

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    if (this.n === 0) return Infinity;
    return this.times[this.seek()] as number;
  }

  push(time: number, item: T, kind = 0): void {
    // An infinite or NaN time has no bucket or slot: it would never be popped.
    if (!Number.isFinite(time)) throw new Error(`event queue: an event's time must be a finite number, got ${time}`);
    const order = this.counter++;
    this.n++;
    const b = Math.floor(time / WIDTH);
    if (b < this.drained) {
      this.link(this.node(time, order, kind, item));
    } else if (b - this.drained < RING) {
      // Appended to its bucket's last chunk (a new one when it is full).
      const r = b & MASK;
      let c = this.last[r] as number;
      if (c < 0 || (this.chunkCount[c] as number) === CHUNK) {
        const added = this.newChunk();
        if (c < 0) this.first[r] = added;
        else this.chunkNext[c] = added;
        this.last[r] = added;
        c = added;
      }
      const i = this.chunkCount[c] as number;
      this.chunkCount[c] = i + 1;
      const e = c * CHUNK + i;
      const chunks = this.chunks;
      chunks[3 * e] = time;
      chunks[3 * e + 1] = order;
      chunks[3 * e + 2] = kind & 255;
      this.chunkItems[e] = item;
      this.inRing++;
    } else {
      this.far.push(time, order, this.node(time, order, kind, item));
    }
  }

  /** Removes and returns the earliest event; `undefined` when empty. */
  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const h = this.seek();
    const heads = this.heads;
    heads[this.slot & FMASK] = this.nexts[h] as number;
    this.inFine--;
    this.n--;
    this.time = this.times[h] as number;
    this.kind = this.kinds[h] as number;
    const top = this.items[h];
    this.items[h] = undefined;
    this.free[this.nFree++] = h;
    return top;
  }

  /** Moves the clock's slot to the first that holds an event (the queue is not empty), and returns its first node. */
  private seek(): number {
    const heads = this.heads;
    if (this.inFine === 0) this.jump();
    let s = this.slot;
    let h = heads[s & FMASK] as number;
    while (h < 0) {
      s++;
      // A new bucket: the fine ring takes the buckets up to `AHEAD` past it.
      if ((s & (PER_BUCKET - 1)) === 0) {
        this.slot = s;
        this.drainTo(Math.floor(s / PER_BUCKET) + AHEAD);
      }
      h = heads[s & FMASK] as number;
    }
    this.slot = s;
    return h;
  }

  /** With the fine ring empty: the clock to the first bucket that holds an event, and the fine ring filled from it. */
  private jump(): void {
    const farB = Math.floor(this.far.minTime() / WIDTH);
    let next = farB;
    if (this.inRing > 0) {
      const to = Math.min(farB, this.drained + RING);
      for (let b = this.drained; b < to; b++) {
        if ((this.first[b & MASK] as number) >= 0) {
          next = b;
          break;
        }
      }
    }
    // Every bucket before `next` is empty: the clock goes to its first slot.
    if (next > this.drained) this.drained = next;
    this.slot = next * PER_BUCKET;
    this.drainTo(next + AHEAD);
  }

  /** Moves the buckets before `to` into the fine ring. */
  private drainTo(to: number): void {
    while (this.drained < to) {
      const b = this.drained;
      this.drained = b + 1;
      if (this.inRing > 0) this.drainBucket(b);
      const far = this.far;
      while (far.n > 0 && Math.floor((far.keys[0] as number) / WIDTH) <= b) this.link(far.pop());
    }
  }

  /** Moves bucket `b`'s events from the ring into the fine ring. */
  private drainBucket(b: number): void {
    const r = b & MASK;
    let c = this.first[r] as number;
    if (c < 0) return;
    this.first[r] = -1;
    this.last[r] = -1;
    const chunks = this.chunks;
    const chunkItems = this.chunkItems;
    const warm = this.warm;
    if (warm) {
      // The payloads read now, in a loop of their own with nothing else in it, so that
      // the processor has many of their misses in flight at once: popped one at a time,
      // each was a miss the loop waited for (at the full night's 300,000 pending events,
      // a visitor thinking for a minute is out of cache by its time).
      for (let d = c; d >= 0; d = this.chunkNext[d] as number) {
        const count = this.chunkCount[d] as number;
        for (let i = 0, e = d * CHUNK; i < count; i++, e++) warm(chunkItems[e] as T, chunks[3 * e + 2] as number);
      }
    }
    while (c >= 0) {
      const count = this.chunkCount[c] as number;
      for (let i = 0, e = c * CHUNK; i < count; i++, e++) {
        const item = chunkItems[e] as T;
        chunkItems[e] = undefined;
        this.link(this.node(chunks[3 * e] as number, chunks[3 * e + 1] as number, chunks[3 * e + 2] as number, item));
      }
      this.inRing -= count;
      const done = c;
      c = this.chunkNext[c] as number;
      this.freeChunks[this.nFreeChunks++] = done;
    }
  }

  /** A node for an event. */
  private node(time: number, order: number, kind: number, item: T): number {
    if (this.nFree === 0 && this.nNodes === this.nexts.length) this.grow();
    const h = this.nFree > 0 ? (this.free[--this.nFree] as number) : this.nNodes++;
    this.times[h] = time;
    this.orders[h] = order;
    this.kinds[h] = kind & 255;
    this.items[h] = item;
    return h;
  }

  /** Links node `h` into its fine slot's list, in (time, order) order. */
  private link(h: number): void {
    const time = this.times[h] as number;
    const order = this.orders[h] as number;
    // An event due before the clock's slot (pushed in the past) waits in the clock's slot.
    let s = Math.floor(time * PER_MS);
    if (s < this.slot) s = this.slot;
    const r = s & FMASK;
    const heads = this.heads;
    const nexts = this.nexts;
    this.inFine++;
    let p = heads[r] as number;
    if (p < 0 || this.after(p, time, order)) {
      nexts[h] = p;
      heads[r] = h;
      return;
    }
    // Past the nodes due before it (a slot holds one or two at the full night's peak).
    for (let q = nexts[p] as number; q >= 0 && !this.after(q, time, order); q = nexts[q] as number) p = q;
    nexts[h] = nexts[p] as number;
    nexts[p] = h;
  }

  /** Node `x` is due after (time, order). */
  private after(x: number, time: number, order: number): boolean {
    const t = this.times[x] as number;
    return t > time || (t === time && (this.orders[x] as number) > order);
  }

  /** An empty chunk from the pool (the pool doubles when all are in use). */
  private newChunk(): number {
    let c: number;
    if (this.nFreeChunks > 0) c = this.freeChunks[--this.nFreeChunks] as number;
    else {
      if (this.nChunks === this.chunkCount.length) {
        const cap = 2 * this.chunkCount.length;
        this.chunks = grown(this.chunks, 3 * CHUNK * cap);
        this.chunkNext = grown(this.chunkNext, cap);
        this.chunkCount = grown(this.chunkCount, cap);
        this.freeChunks = grown(this.freeChunks, cap);
        for (let i = this.chunkItems.length; i < CHUNK * cap; i++) this.chunkItems.push(undefined);
      }
      c = this.nChunks++;
    }
    this.chunkNext[c] = -1;
    this.chunkCount[c] = 0;
    return c;
  }

  private grow(): void {
    const cap = this.nexts.length * 2;
    this.times = grown(this.times, cap);
    this.orders = grown(this.orders, cap);
    this.kinds = grown(this.kinds, cap);
    this.nexts = grown(this.nexts, cap);
    this.free = grown(this.free, cap);
    for (let i = this.items.length; i < cap; i++) this.items.push(undefined);
  }
}

/** A copy of `a` with room for `cap` entries (the same kind of typed array). */
function grown<T extends Int32Array | Float64Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}
