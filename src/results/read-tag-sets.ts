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
export interface TagSet {
  /**
   * What one consumer derived from these tags for this metric (a TagSet belongs to one
   * metric of one read), so it is derived once per tag set rather than once per sample.
   */
  memo: unknown;
  /** The tags as an object (string values, as k6 writes them). */
  readonly tags: Readonly<Record<string, string>>;
  /** One tag's value (ask for tag names only: `constructor` would find Object's). */
  get(key: string): string | undefined;
  /**
   * Several tags at once (one pass over a tag set read in place): the values of
   * `keys.strings` into `strs` (undefined when absent) and of `keys.numbers` into `nums`,
   * as Number(value) (NaN when absent), without a string for a value of plain digits.
   */
  pick(keys: TagKeys, strs: Array<string | undefined>, nums: number[]): void;
}

/** The tags a consumer picks from every sample, found by their bytes (see RawTags.pick). */
export class TagKeys {
  /** Key index by a hash of (length, first byte, last byte); strings first, then numbers. */
  private readonly table = new Int8Array(256).fill(-1);
  readonly all: readonly string[];
  constructor(
    readonly strings: readonly string[],
    readonly numbers: readonly string[],
  ) {
    this.all = [...strings, ...numbers];
    this.all.forEach((k, i) => {
      const h = keyHash(k.length, k.charCodeAt(0), k.charCodeAt(k.length - 1));
      // A collision would need a probe; the keys are few and fixed, so refuse it.
      if (this.table[h] !== -1)
        throw new Error(`TagKeys: '${k}' shares a slot with '${this.all[this.table[h] as number]}'`);
      this.table[h] = i;
    });
  }

  /** The index in `all` of the key buf[s, e), or -1. */
  indexOf(buf: Buffer, s: number, e: number): number {
    const len = e - s;
    if (len === 0) return -1;
    const i = this.table[keyHash(len, buf[s] as number, buf[e - 1] as number)] as number;
    if (i < 0) return -1;
    const key = this.all[i] as string;
    if (key.length !== len) return -1;
    for (let k = 0; k < len; k++) if (buf[s + k] !== key.charCodeAt(k)) return -1;
    return i;
  }
}

function keyHash(len: number, first: number, last: number): number {
  return (len * 31 + first * 7 + last) & 255;
}

/** A tag set parsed into an object. */
export class ParsedTags implements TagSet {
  memo: unknown = undefined;
  constructor(readonly tags: Readonly<Record<string, string>>) {}
  get(key: string): string | undefined {
    return this.tags[key];
  }

  pick(keys: TagKeys, strs: Array<string | undefined>, nums: number[]): void {
    const t = this.tags;
    for (let k = 0; k < keys.strings.length; k++) strs[k] = t[keys.strings[k] as string];
    for (let k = 0; k < keys.numbers.length; k++) nums[k] = Number(t[keys.numbers[k] as string] ?? Number.NaN);
  }
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

  private lastKey: Key | undefined;
  private lastSet: TagSet | undefined;
  private readonly pairs = new Int32Array(4 * MAX_PAIRS);
  private readonly values = new ValueStrings();

  /** `storing` false: parse every time (names past the intern table's bound). */
  constructor(private storing = true) {
    this.keys = new Array<Key | undefined>(storing ? SLOTS : 0);
    this.sets = new Array<TagSet | undefined>(storing ? SLOTS : 0);
  }

  /** Per-sample tags: read in place when flat, else undefined. */
  private raw(b: Bytes, s: number, e: number): TagSet | undefined {
    const n = flatPairs(b.buf, s, e, this.pairs);
    return n < 0 ? undefined : new RawTags(b, s, e, this.pairs, 0, n, this.values);
  }

  /**
   * Per-sample tags whose pairs were already found (by the native scanner: the offsets
   * `flatPairs` would give, `n` of them from `at` in `pairs`), read in place.
   */
  rawAt(b: Bytes, s: number, e: number, pairs: Int32Array, at: number, n: number): TagSet {
    return new RawTags(b, s, e, pairs, at, n, this.values);
  }

  /** The tag set whose JSON is buf[s, e): an object of tags, or `null`; undefined when it is neither. */
  get(b: Bytes, s: number, e: number): TagSet | undefined {
    const n = e - s;
    if (!this.storing) return this.raw(b, s, e) ?? parseTags(b.buf, s, e);
    // The same tags as this metric's previous point (a metric with one tag set): no fingerprint.
    const last = this.lastKey;
    if (last !== undefined && last.length === n && last.equals(b, s)) {
      this.hits++;
      return this.lastSet;
    }
    const slot = fingerprint(b, s, e) & (SLOTS - 2); // even: the pair (slot, slot + 1)
    const k0 = this.keys[slot];
    if (k0 !== undefined && k0.length === n && k0.equals(b, s)) {
      this.hits++;
      this.lastKey = k0;
      return (this.lastSet = this.sets[slot]);
    }
    const k1 = this.keys[slot + 1];
    if (k1 !== undefined && k1.length === n && k1.equals(b, s)) {
      this.hits++;
      this.lastKey = k1;
      return (this.lastSet = this.sets[slot + 1]);
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
    this.keys[slot] = this.lastKey = new Key(b.buf, s, e);
    this.sets[slot] = this.lastSet = set;
    return set;
  }
}

function parseTags(buf: Buffer, s: number, e: number): TagSet | undefined {
  const tags = parseTagObject(buf, s, e);
  return tags ? new ParsedTags(tags) : undefined;
}

/** The tags object of the JSON in buf[s, e) (`null` is no tags), undefined when it is not an object. */
function parseTagObject(buf: Buffer, s: number, e: number): Readonly<Record<string, string>> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8(buf, s, e));
  } catch {
    return undefined;
  }
  if (parsed === null) return EMPTY_TAGS;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const o = parsed as Record<string, unknown>;
  // Usually every value is a string already: freeze the parsed object rather than copy it.
  for (const k in o) if (typeof o[k] !== 'string' || k === '__proto__') return stringValues(o);
  return Object.freeze(o) as Readonly<Record<string, string>>;
}

/**
 * A tag set read where it lies in the line, for per-sample tags (a candidate id): no
 * object and no string per tag unless asked; values are interned (outcome, country
 * repeat). Only for the flat shape {"k":"v",…} with printable ASCII and no escapes, which
 * is valid JSON whose JSON.parse is exactly these pairs (a repeated key: the last wins).
 * Valid only while the sink handles the point (it reads the reader's buffer).
 */
class RawTags implements TagSet {
  memo: unknown = undefined;
  private parsed: Readonly<Record<string, string>> | undefined;
  constructor(
    private readonly b: Bytes,
    private readonly s: number,
    private readonly e: number,
    private readonly pairs: Int32Array,
    /** Where this set's pairs start in `pairs` (4 offsets each). */
    private readonly at: number,
    private readonly n: number,
    private readonly values: ValueStrings,
  ) {}

  get tags(): Readonly<Record<string, string>> {
    return (this.parsed ??= parseTagObject(this.b.buf, this.s, this.e) as Readonly<Record<string, string>>);
  }

  get(key: string): string | undefined {
    const p = this.pairs;
    const o = this.at;
    const buf = this.b.buf;
    for (let k = this.n - 1; k >= 0; k--) {
      const ks = p[o + 4 * k] as number;
      if ((p[o + 4 * k + 1] as number) - ks !== key.length) continue;
      let same = true;
      for (let i = 0; i < key.length; i++) {
        if (buf[ks + i] !== key.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return this.values.get(this.b, p[o + 4 * k + 2] as number, p[o + 4 * k + 3] as number);
    }
    return undefined;
  }

  pick(keys: TagKeys, strs: Array<string | undefined>, nums: number[]): void {
    const ns = keys.strings.length;
    for (let j = 0; j < ns; j++) strs[j] = undefined;
    for (let j = 0; j < keys.numbers.length; j++) nums[j] = Number.NaN;
    const p = this.pairs;
    const o = this.at;
    const buf = this.b.buf;
    // Pairs in order, so a repeated key ends with its last value, as JSON.parse has it.
    for (let k = 0; k < this.n; k++) {
      const j = keys.indexOf(buf, p[o + 4 * k] as number, p[o + 4 * k + 1] as number);
      if (j < 0) continue;
      const vs = p[o + 4 * k + 2] as number;
      const ve = p[o + 4 * k + 3] as number;
      if (j < ns) strs[j] = this.values.get(this.b, vs, ve);
      else nums[j - ns] = digitsValue(buf, vs, ve);
    }
  }
}

/** Number() of the text buf[s, e): read in place when it is 1–15 plain digits (exact), else through a string. */
function digitsValue(buf: Buffer, s: number, e: number): number {
  if (e > s && e - s <= 15) {
    let v = 0;
    let i = s;
    for (; i < e; i++) {
      const c = (buf[i] as number) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === e) return v;
  }
  return Number(latin1(buf, s, e));
}

const MAX_PAIRS = 64;

/** Offsets (key start, key end, value start, value end) of the pairs of a flat tag object into `pairs`; their count, or -1 for any other shape. */
function flatPairs(buf: Buffer, s: number, e: number, pairs: Int32Array): number {
  if (buf[s] !== 123 || buf[e - 1] !== 125) return -1;
  let i = s + 1;
  if (i === e - 1) return 0;
  let n = 0;
  for (;;) {
    if (n === MAX_PAIRS || buf[i] !== 34) return -1;
    const ks = ++i;
    i = printable(buf, i, e);
    if (i < 0 || buf[i + 1] !== 58 || buf[i + 2] !== 34) return -1;
    const ke = i;
    if (ke - ks === 9 && latin1(buf, ks, ke) === '__proto__') return -1;
    const vs = i + 3;
    i = printable(buf, vs, e);
    if (i < 0) return -1;
    pairs[4 * n] = ks;
    pairs[4 * n + 1] = ke;
    pairs[4 * n + 2] = vs;
    pairs[4 * n + 3] = i;
    n++;
    i++;
    if (buf[i] === 44) {
      i++;
      continue;
    }
    return buf[i] === 125 && i === e - 1 ? n : -1;
  }
}

/** The position of the quote closing a string of printable ASCII without escapes from i, or -1. */
function printable(buf: Buffer, i: number, e: number): number {
  for (; i < e; i++) {
    const c = buf[i] as number;
    if (c === 34) return i;
    if (c < 32 || c > 126 || c === 92) return -1;
  }
  return -1;
}

/** Short strings interned by their bytes (tag values that repeat: outcome, country). */
class ValueStrings {
  private readonly keys: Array<Key | undefined> = new Array<Key | undefined>(256);
  private readonly strs: string[] = new Array<string>(256);

  get(b: Bytes, s: number, e: number): string {
    const n = e - s;
    if (n > 32) return latin1(b.buf, s, e);
    let h = n;
    let digits = true;
    for (let i = s; i < e; i++) {
      const c = b.buf[i] as number;
      h = Math.imul(h ^ c, 0x01000193);
      if (c < 48 || c > 57) digits = false;
    }
    // Numbers (arrival order, attempts) rarely repeat: not worth a copy of their bytes.
    if (digits) return latin1(b.buf, s, e);
    const slot = (h ^ (h >>> 13)) & 255;
    const k = this.keys[slot];
    if (k !== undefined && k.length === n && k.equals(b, s)) return this.strs[slot] as string;
    const str = latin1(b.buf, s, e);
    this.keys[slot] = new Key(b.buf, s, e);
    this.strs[slot] = str;
    return str;
  }
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
  /** Interned names of [A-Za-z0-9_] only: what a line's name may be matched against in place. */
  private readonly plain: MetricRef[] = [];

  /** The known metric whose name ends at `end` just after a quote (the older field order), if any. */
  endingAt(b: Bytes, lineStart: number, end: number): MetricRef | undefined {
    const p = this.plain;
    for (let j = 0; j < p.length; j++) {
      const ref = p[j] as MetricRef;
      const start = end - ref.key.length;
      if (start > lineStart && b.buf[start - 1] === 34 && ref.key.equals(b, start)) return ref;
    }
    return undefined;
  }

  /** The known metric whose name starts at `start` and is followed by a quote (the newer field order), if any. */
  startingAt(b: Bytes, start: number, lineEnd: number): MetricRef | undefined {
    const p = this.plain;
    for (let j = 0; j < p.length; j++) {
      const ref = p[j] as MetricRef;
      const end = start + ref.key.length;
      if (end < lineEnd && b.buf[end] === 34 && ref.key.equals(b, start)) return ref;
    }
    return undefined;
  }

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
      if (/^[A-Za-z0-9_]+$/.test(name)) this.plain.push(ref);
      const list = this.byLength.get(key.length);
      if (list) list.push(ref);
      else this.byLength.set(key.length, [ref]);
      this.count++;
    }
    return ref;
  }
}
