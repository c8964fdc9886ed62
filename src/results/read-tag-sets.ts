import { type Bytes, fingerprint, Key } from './read-byte-match.js';
import { latin1, utf8 } from './read-number.js';

/**
 * Metric names and tag sets read straight from the bytes of k6 lines, each parsed once.
 *
 * A run has few distinct tag sets per metric (op × class × status × country), so a
 * tag set is parsed (JSON.parse) the first time its exact bytes are seen and found
 * again by those bytes: a fingerprint (length, the last 32 bytes, three inner bytes)
 * picks a pair of slots and a byte-by-byte comparison confirms, so a hit is exact and
 * costs no string. Per-candidate tag sets (never repeated) would only churn the table:
 * a cache that keeps missing stops storing. Tables are fixed size per metric, so
 * memory does not grow with the run.
 */
export class TagSet {
  /**
   * What one consumer derived from these tags for this metric (a TagSet belongs to one
   * metric of one read), so it is derived once per tag set rather than once per sample.
   */
  memo: unknown = undefined;
  constructor(readonly tags: Readonly<Record<string, string>>) {}
}

export const EMPTY_TAGS: Readonly<Record<string, string>> = Object.freeze({});

/** k6 tag values are strings; anything else is stringified so downstream code sees one shape. */
export function stringValues(o: Record<string, unknown>): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(o)) {
    const v = o[k];
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return Object.freeze(out);
}

const SLOTS = 1024; // per metric; a power of two

export class TagCache {
  private readonly keys: Array<Key | undefined>;
  private readonly sets: Array<TagSet | undefined>;
  private hits = 0;
  private misses = 0;

  /** `storing` false: parse every time (names past the intern table's bound). */
  constructor(private storing = true) {
    this.keys = new Array<Key | undefined>(storing ? SLOTS : 0);
    this.sets = new Array<TagSet | undefined>(storing ? SLOTS : 0);
  }

  /** The tag set whose JSON is buf[s, e): an object of tags, or `null`; undefined when it is neither. */
  get(b: Bytes, s: number, e: number): TagSet | undefined {
    const n = e - s;
    if (!this.storing) return parseTags(b.buf, s, e);
    const slot = fingerprint(b, s, e) & (SLOTS - 2); // even: the pair (slot, slot + 1)
    const k0 = this.keys[slot];
    if (k0 !== undefined && k0.length === n && k0.equals(b, s)) {
      this.hits++;
      return this.sets[slot];
    }
    const k1 = this.keys[slot + 1];
    if (k1 !== undefined && k1.length === n && k1.equals(b, s)) {
      this.hits++;
      return this.sets[slot + 1];
    }
    const set = parseTags(b.buf, s, e);
    if (set === undefined) return undefined;
    // Mostly misses after a fair trial: the tags are per sample (a candidate id); stop copying them.
    if (++this.misses > 2000 && this.hits < this.misses) {
      this.storing = false;
      return set;
    }
    // The newcomer takes the first slot; the previous occupant moves to the second.
    this.keys[slot + 1] = k0;
    this.sets[slot + 1] = this.sets[slot];
    this.keys[slot] = new Key(b.buf, s, e);
    this.sets[slot] = set;
    return set;
  }
}

function parseTags(buf: Buffer, s: number, e: number): TagSet | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8(buf, s, e));
  } catch {
    return undefined;
  }
  if (parsed === null) return new TagSet(EMPTY_TAGS);
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const o = parsed as Record<string, unknown>;
  // Usually every value is a string already: freeze the parsed object rather than copy it.
  for (const k in o) if (typeof o[k] !== 'string' || k === '__proto__') return new TagSet(stringValues(o));
  return new TagSet(Object.freeze(o) as Readonly<Record<string, string>>);
}

/** A metric of one read: its interned name, its tag sets, and what a consumer derived from the name. */
export class MetricRef {
  readonly tagSets: TagCache;
  memo: unknown = undefined;
  constructor(
    readonly name: string,
    readonly key: Key,
    interned = true,
  ) {
    this.tagSets = new TagCache(interned);
  }
}

/** Metric names by their bytes; a few dozen per run (k6 names are [A-Za-z0-9_], ≤ 128 characters). */
export class MetricTable {
  private readonly byLength = new Map<number, MetricRef[]>();
  private count = 0;

  /** The metric whose name is buf[s, e) (ASCII: the caller checked). */
  get(b: Bytes, s: number, e: number): MetricRef {
    const list = this.byLength.get(e - s);
    if (list) {
      for (let j = 0; j < list.length; j++) {
        const ref = list[j] as MetricRef;
        if (ref.key.equals(b, s)) return ref;
      }
    }
    return this.add(latin1(b.buf, s, e), new Key(b.buf, s, e));
  }

  /** The metric of a line read by the string path: the same ref as its bytes would give. */
  named(name: string): MetricRef {
    const bytes = Buffer.from(name, 'utf8');
    const list = this.byLength.get(bytes.length);
    if (list) for (const ref of list) if (ref.name === name) return ref;
    return this.add(name, new Key(bytes, 0, bytes.length));
  }

  private add(name: string, key: Key): MetricRef {
    // Bounded: a file with endless distinct names still reads, only without interning.
    const interned = this.count < 1000;
    const ref = new MetricRef(name, key, interned);
    if (interned) {
      const list = this.byLength.get(key.length);
      if (list) list.push(ref);
      else this.byLength.set(key.length, [ref]);
      this.count++;
    }
    return ref;
  }
}
