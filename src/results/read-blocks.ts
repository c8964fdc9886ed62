import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { constants, createGunzip } from 'node:zlib';

/**
 * A file's bytes (plain or gzip), or a byte range of a plain file, as blocks of whole
 * lines: each block ends just after a newline, except the file's last block when the
 * file does not end with one (a run killed mid-write: `unterminated`). Memory is one
 * buffer of CHUNK bytes (grown only for a line longer than that), reused: a block is
 * valid until the consumer asks for the next one.
 */
export interface Block {
  bytes: Buffer;
  /** The last line of `bytes` has no newline: the end of a file cut short. */
  unterminated: boolean;
  /** Bytes of the file read so far (for a gzip file, compressed bytes): for progress. */
  fileBytes: number;
}

/**
 * Lines of a plain file starting in [start, end); ranges are cut at line starts by the
 * caller. `end` may be lowered while the file is read (to a line start at or after
 * `issued`, where the reads issued so far end): each read takes the current value.
 */
export interface ByteRange {
  start: number;
  end: number;
  /** Set by readBlocks: where the bytes it has asked for so far end. */
  issued?: number;
}

const CHUNK = 4 << 20;

/**
 * The longest line read: a k6 record is a few hundred bytes (a few KiB with long tag
 * sets), so a line past this is not k6 output (a binary file, /dev/zero, a dump with no
 * newlines). Without the bound the buffer doubled until Node's fs layer aborted the
 * process past 2 GiB (`Assertion failed: args[3]->IsInt32()`, 4.3 GB resident).
 */
export const MAX_LINE_BYTES = 64 << 20;

/** A line of MAX_LINE_BYTES or more, starting `offset` bytes into the (inflated) file. */
export class LineTooLong extends Error {
  constructor(readonly offset: number) {
    super(`a line of ${MAX_LINE_BYTES >> 20} MiB or more from byte ${offset}`);
  }
}

export async function* readBlocks(path: string, range?: ByteRange): AsyncGenerator<Block> {
  if (path.endsWith('.gz')) {
    if (range) throw new Error('readBlocks: a gzip stream cannot be read from the middle');
    yield* gzipBlocks(path);
    return;
  }
  const fh = await open(path, 'r');
  let reading: Promise<number> | undefined;
  try {
    // Two buffers: the next read runs (in libuv's thread pool) while the consumer scans
    // the block just yielded, so reading the disk or page cache costs no wall time.
    let cur: Buffer = Buffer.allocUnsafe(CHUNK);
    let next: Buffer = Buffer.allocUnsafe(CHUNK);
    let pos = range?.start ?? 0;
    // One read in flight at a time: `pos` advances when it completes, before the next is issued.
    const readInto = (buf: Buffer, held: number): Promise<number> => {
      const want = Math.min(buf.length - held, (range?.end ?? Infinity) - pos);
      if (range) range.issued = pos + Math.max(0, want);
      if (want <= 0) return Promise.resolve(0);
      return fh.read(buf, held, want, pos).then((r) => {
        pos += r.bytesRead;
        return r.bytesRead;
      });
    };
    let held = 0; // bytes of a line carried over at the start of `cur`
    reading = readInto(cur, 0);
    for (;;) {
      const bytesRead = await reading;
      const filled = held + bytesRead;
      if (bytesRead === 0) {
        if (filled > 0) yield { bytes: cur.subarray(0, filled), unterminated: cur[filled - 1] !== 10, fileBytes: pos };
        return;
      }
      const lastNl = cur.lastIndexOf(10, filled - 1);
      if (lastNl < 0) {
        // A line longer than the buffer: grow it and read on, up to the bound.
        if (filled >= MAX_LINE_BYTES) throw new LineTooLong(pos - filled);
        held = filled;
        if (held === cur.length) cur = grow(cur, held);
        reading = readInto(cur, held);
        continue;
      }
      // The partial last line starts the next buffer, whose read starts now.
      const tail = filled - lastNl - 1;
      if (next.length < Math.max(CHUNK, 2 * tail)) next = Buffer.allocUnsafe(Math.max(cur.length, 2 * tail));
      cur.copy(next, 0, lastNl + 1, filled);
      reading = readInto(next, tail);
      // The read of the next buffer is in flight: this block ends `tail` bytes before `pos`.
      yield { bytes: cur.subarray(0, lastNl + 1), unterminated: false, fileBytes: pos - tail };
      [cur, next] = [next, cur];
      held = tail;
    }
  } finally {
    await reading?.catch(() => 0);
    await fh.close();
  }
}

function grow(buf: Buffer, used: number): Buffer {
  const bigger = Buffer.allocUnsafe(buf.length * 2);
  buf.copy(bigger, 0, 0, used);
  return bigger;
}

async function* gzipBlocks(path: string): AsyncGenerator<Block> {
  // Z_SYNC_FLUSH: a gzip file cut short (killed run) yields what it holds instead of an error.
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = file.pipe(createGunzip({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: 1 << 20 }));
  let buf: Buffer = Buffer.allocUnsafe(CHUNK);
  let held = 0;
  let inflated = 0; // bytes yielded before buf[0]
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let off = 0;
    while (off < chunk.length) {
      if (held === buf.length) {
        const lastNl = buf.lastIndexOf(10, held - 1);
        if (lastNl < 0) {
          if (held >= MAX_LINE_BYTES) {
            file.destroy();
            throw new LineTooLong(inflated);
          }
          buf = grow(buf, held);
        } else {
          yield { bytes: buf.subarray(0, lastNl + 1), unterminated: false, fileBytes: file.bytesRead };
          buf.copy(buf, 0, lastNl + 1, held);
          held -= lastNl + 1;
          inflated += lastNl + 1;
        }
        continue;
      }
      const n = Math.min(buf.length - held, chunk.length - off);
      chunk.copy(buf, held, off, off + n);
      off += n;
      held += n;
    }
  }
  if (held > 0) {
    const lastNl = buf.lastIndexOf(10, held - 1);
    if (lastNl >= 0) yield { bytes: buf.subarray(0, lastNl + 1), unterminated: false, fileBytes: file.bytesRead };
    if (lastNl < held - 1) {
      buf.copy(buf, 0, lastNl + 1, held);
      yield { bytes: buf.subarray(0, held - lastNl - 1), unterminated: true, fileBytes: file.bytesRead };
    }
  }
}
