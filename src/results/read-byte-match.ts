/**
 * Byte comparisons for the byte-level reader, four bytes at a time through a DataView
 * (unaligned reads are as cheap as byte reads in V8, so this does a quarter of the work
 * of a byte loop). Exact: every byte is compared.
 */
export interface Bytes {
  buf: Buffer;
  dv: DataView;
}

export function bytesOf(buf: Buffer): Bytes {
  return { buf, dv: new DataView(buf.buffer, buf.byteOffset, buf.byteLength) };
}

/** A constant byte string to look for at a position. */
export class Pattern {
  readonly length: number;
  private readonly words: Int32Array;
  private readonly tail: Uint8Array;
  constructor(readonly text: string) {
    const b = Buffer.from(text, 'latin1');
    this.length = b.length;
    const n = b.length >> 2;
    this.words = new Int32Array(n);
    for (let k = 0; k < n; k++) this.words[k] = b.readInt32LE(4 * k);
    this.tail = Uint8Array.from(b.subarray(4 * n));
  }

  /** Whether the pattern is at `i` (false when it would run past the end). */
  at(b: Bytes, i: number): boolean {
    if (i < 0 || i + this.length > b.buf.length) return false;
    const w = this.words;
    const dv = b.dv;
    for (let k = 0; k < w.length; k++) if (dv.getInt32(i + 4 * k, true) !== w[k]) return false;
    const t = this.tail;
    const j = i + 4 * w.length;
    for (let k = 0; k < t.length; k++) if (b.buf[j + k] !== t[k]) return false;
    return true;
  }
}

/** A copy of buf[s, e) to compare later lines against. */
export class Key {
  readonly length: number;
  private readonly dv: DataView;
  private readonly bytes: Uint8Array;
  constructor(buf: Buffer, s: number, e: number) {
    this.length = e - s;
    this.bytes = new Uint8Array(this.length);
    this.bytes.set(buf.subarray(s, e));
    this.dv = new DataView(this.bytes.buffer);
  }

  /** Whether buf[s, s + length) holds the same bytes (the caller checked the length). */
  equals(b: Bytes, s: number): boolean {
    const n = this.length;
    const kd = this.dv;
    const dv = b.dv;
    // From the end: keys of one kind share their beginning and differ in their values.
    let i = n - 4;
    for (; i >= 0; i -= 4) if (kd.getInt32(i, true) !== dv.getInt32(s + i, true)) return false;
    for (i += 3; i >= 0; i--) if (this.bytes[i] !== b.buf[s + i]) return false;
    return true;
  }
}

/** A hash of buf[s, e): its length, its last 32 bytes and three inner bytes (cheap, for a table slot). */
export function fingerprint(b: Bytes, s: number, e: number): number {
  const n = e - s;
  const dv = b.dv;
  const buf = b.buf;
  let h = Math.imul(n, 0x9e3779b1);
  let i = e - 4;
  const stop = Math.max(s, e - 32);
  for (; i >= stop; i -= 4) h = Math.imul(h ^ dv.getInt32(i, true), 0x01000193);
  for (i += 3; i >= stop; i--) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
  h = Math.imul(h ^ (buf[s + (n >> 1)] as number), 0x01000193);
  h = Math.imul(h ^ (buf[s + (n >> 2)] as number), 0x01000193);
  h = Math.imul(h ^ (buf[s + ((n * 3) >> 2)] as number), 0x01000193);
  return h ^ (h >>> 15);
}
