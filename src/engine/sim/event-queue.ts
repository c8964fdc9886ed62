/**
 * The simulator's future-event list: events ordered by (time, insertion order), so events
 * at the same virtual instant run in the order they were scheduled and a simulation is
 * the same sequence of events on every run (determinism by seed). Any correct priority
 * queue on that key pops the same sequence, so the layout below changes speed, never
 * output.
 *
 * **Buckets in front of a small heap** (a calendar queue's buckets, R. Brown, "Calendar
 * queues", CACM 31(10), 1988, with the current bucket kept sorted by a heap as in Tang,
 * Goh & Thng's ladder queue, ACM TOMACS 15(3), 2005). Virtual time is cut into buckets of
 * `WIDTH` ms. Only the events of the buckets up to the current one are in the heap (a few
 * hundred at the full night's peak: cache-resident); an event due later is appended to
 * its bucket's list in O(1), and joins the heap when the clock reaches its bucket. The
 * full night keeps 200,000–400,000 events pending, most of them visitors thinking for
 * seconds or minutes: in one heap each pop was about 10 levels of cache misses.
 *
 * - Buckets within `RING` widths of the current one are a ring of lists of chunks, each
 *   entry an event's time, order and kind in typed arrays (no allocation) and its payload
 *   in an array beside them: a bucket's entries side by side. Later events (an invitation
 *   round hours ahead, a long Retry-After) wait in a second heap, `far`.
 * - `WIDTH` is a power of two, so `Math.floor(t / WIDTH)` is exact and every event's
 *   bucket is decided the same way wherever it is asked.
 * - The heap is 4-ary (children of i are 4i+1 … 4i+4; Johnson, IPL 4(3), 1975; LaMarca &
 *   Ladner, ACM JEA 1, 1996), an entry's time and order interleaved in one Float64Array,
 *   payloads in fixed slots (`items[slot]`, given as an event joins a heap), an entry
 *   carrying its slot and kind as one integer, so a sift moves three numbers.
 *
 * - A lane for events the caller keeps few of, each due soon (`pushSoon`: the portal's
 *   service completions, one per busy worker, and requests in transit): a heap of its
 *   own, `soon`, beside the buckets. `pop` takes the earlier of its least and the
 *   buckets' least by the same (time, order) key, so the lane changes no order.
 *
 * Invariant: every event outside `near` and `soon` is in a bucket later than `cur`, so
 * it is later than every event of `near` whose bucket is at most `cur`; `pop` takes
 * `near`'s least while its bucket is at most `cur` (else it moves the clock's bucket to
 * the earliest non-empty one and brings that bucket's events into `near`), or `soon`'s
 * least when that is earlier.
 */

/** Bucket width, ms of virtual time (a power of two: exact division). */
const WIDTH = 64;
/** Buckets in the ring (a power of two): 2^15 × 64 ms, about 35 minutes ahead. */
const RING = 1 << 15;
const MASK = RING - 1;
/** Entries in a chunk of a bucket's list (16 × 24 bytes: six cache lines read in order). */
const CHUNK = 16;

/** A 4-ary min-heap of (time, order) keys carrying an integer (the queue's tag: slot and kind). */
class KeyHeap {
  keys = new Float64Array(2048);
  slots = new Int32Array(1024);
  n = 0;

  minTime(): number {
    return this.n > 0 ? (this.keys[0] as number) : Infinity;
  }

  push(time: number, order: number, s: number): void {
    if (this.n === this.slots.length) this.grow();
    const keys = this.keys;
    const slots = this.slots;
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
      slots[i] = slots[p] as number;
      i = p;
    }
    keys[2 * i] = time;
    keys[2 * i + 1] = order;
    slots[i] = s;
  }

  /** Removes the least entry and returns the integer it carries (the caller checked `n > 0`). */
  pop(): number {
    const keys = this.keys;
    const slots = this.slots;
    const top = slots[0] as number;
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
    const k = new Float64Array(2 * this.keys.length);
    k.set(this.keys);
    this.keys = k;
    const s = new Int32Array(2 * this.slots.length);
    s.set(this.slots);
    this.slots = s;
  }
}

export class EventQueue<T> {
  /** Payloads by slot. */
  private items: Array<T | undefined> = new Array(1024).fill(undefined);
  /** Free payload slots (a stack); `nFree` of them. */
  private free = new Int32Array(1024);
  private nFree = 0;
  /** Slots ever handed out (the high-water mark). */
  private nSlots = 0;
  private n = 0;
  private counter = 0;
  /**
   * The events of the buckets up to `cur` (and any pushed there before the clock started).
   * The heaps carry each event's `tag`, its slot and kind in one integer (slot × 256 + kind),
   * so a pop reads no per-slot array but the payload's.
   */
  private readonly near = new KeyHeap();
  /** Events more than `RING` buckets ahead of `cur`. */
  private readonly far = new KeyHeap();
  /** Events pushed by `pushSoon`, in a heap of their own (see there). */
  private readonly soon = new KeyHeap();
  /**
   * The ring's buckets: each a list of chunks of `CHUNK` entries (time, order, kind), filled
   * in the order pushed, from a pool of chunks (`chunks`, with each chunk's next and count).
   * A bucket's events lie side by side, so bringing it into `near` reads memory in order
   * (a list through the slots read them at random: a cache miss an event at the full
   * night's 300,000 pending).
   */
  private chunks = new Float64Array(3 * CHUNK * 256);
  /**
   * The payloads of the ring's entries, beside their chunks (entry i of chunk c at
   * c × CHUNK + i): a bucket's payloads are read in order as it joins `near`, and only then
   * given a slot. Through a slot each was a random read of `items` (400,000 slots at the
   * full night's peak) a bucket ahead of its time.
   */
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
  /** The clock's bucket: every event outside `near` is in a later one. */
  private cur = Number.NEGATIVE_INFINITY;
  /** Time of the event `pop` returned last. */
  time = 0;
  /** Kind (0–255, the caller's) of the event `pop` returned last. */
  kind = 0;

  /**
   * @param warm called for each event as its bucket joins `near`, a few hundred events
   *   before it is popped: the caller reads the payload there so that the reads of a whole
   *   bucket, independent of each other, are in flight together (see `advance`).
   */
  constructor(private readonly warm?: (item: T, kind: number) => void) {}

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    if (this.n === 0) return Infinity;
    const soonT = this.soon.minTime();
    if (this.n === this.soon.n) return soonT;
    const near = this.near;
    if (near.n === 0 || Math.floor((near.keys[0] as number) / WIDTH) > this.cur) this.advance();
    const t = near.keys[0] as number;
    return soonT < t ? soonT : t;
  }

  push(time: number, item: T, kind = 0): void {
    const order = this.counter++;
    this.n++;
    const b = Math.floor(time / WIDTH);
    if (b <= this.cur) {
      this.near.push(time, order, this.slotFor(item, kind));
    } else if (b - this.cur < RING) {
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
      this.far.push(time, order, this.slotFor(item, kind));
    }
  }

  /**
   * `push` for an event the caller keeps few of pending at once, each due soon: the
   * portal's service completions (one per busy worker) and requests in transit (half a
   * round trip ahead). They wait in a heap of their own (a few hundred entries:
   * cache-resident) and skip the buckets: each was appended to a bucket's chunk, moved
   * into `near` with its bucket, and popped from a heap twice as large. Ordered with every
   * other event by the same (time, order) key.
   */
  pushSoon(time: number, item: T, kind = 0): void {
    this.soon.push(time, this.counter++, this.slotFor(item, kind));
    this.n++;
  }

  /** A slot for `item`, and its tag (slot and kind) for the heaps. */
  private slotFor(item: T, kind: number): number {
    if (this.nFree === 0 && this.nSlots === this.items.length) this.grow();
    const s = this.nFree > 0 ? (this.free[--this.nFree] as number) : this.nSlots++;
    this.items[s] = item;
    return s * 256 + (kind & 255);
  }

  /** Removes and returns the earliest event; `undefined` when empty. */
  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const near = this.near;
    const soon = this.soon;
    let from = near;
    if (this.n > soon.n) {
      if (near.n === 0 || Math.floor((near.keys[0] as number) / WIDTH) > this.cur) this.advance();
      if (soon.n > 0) {
        const st = soon.keys[0] as number;
        const nt = near.keys[0] as number;
        if (st < nt || (st === nt && (soon.keys[1] as number) < (near.keys[1] as number))) from = soon;
      }
    } else from = soon;
    this.time = from.keys[0] as number;
    const tag = from.pop();
    this.n--;
    this.kind = tag & 255;
    const s = tag >> 8;
    const top = this.items[s];
    this.items[s] = undefined;
    this.free[this.nFree++] = s;
    return top;
  }

  /** Moves the clock's bucket to the earliest that holds an event, and its events into `near`. */
  private advance(): void {
    const nearB = Math.floor(this.near.minTime() / WIDTH);
    const farB = Math.floor(this.far.minTime() / WIDTH);
    let next = nearB < farB ? nearB : farB;
    if (this.inRing > 0) {
      // The ring's buckets lie in (cur, cur + RING): the first non-empty one before `next`.
      const from = this.cur + 1;
      const to = Math.min(next, this.cur + RING);
      for (let b = from; b < to; b++) {
        if ((this.first[b & MASK] as number) >= 0) {
          next = b;
          break;
        }
      }
    }
    this.cur = next;
    const r = next & MASK;
    let c = this.first[r] as number;
    if (c >= 0 && this.inRing > 0) {
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
          this.near.push(
            chunks[3 * e] as number,
            chunks[3 * e + 1] as number,
            this.slotFor(item, chunks[3 * e + 2] as number),
          );
        }
        this.inRing -= count;
        const done = c;
        c = this.chunkNext[c] as number;
        this.freeChunks[this.nFreeChunks++] = done;
      }
    }
    const far = this.far;
    while (far.n > 0 && Math.floor((far.keys[0] as number) / WIDTH) <= next) {
      const t = far.keys[0] as number;
      const o = far.keys[1] as number;
      this.near.push(t, o, far.pop());
    }
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
    const cap = this.items.length * 2;
    // A tag is slot × 256 + kind in a 32-bit integer: 2^23 slots (8 million events in the
    // heaps; the ring's events hold none).
    if (cap > 1 << 23) throw new Error('event queue: more than 8,388,608 events in its heaps');
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
