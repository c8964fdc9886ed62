import { closeSync, openSync, readSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { FilePart } from '../results/read-points.js';
import { detect } from '../results/read-points.js';
import { displayPath } from '../util/display-path.js';
import type { CsvLayout } from '../results/read-csv-line.js';

/**
 * Where to cut a run in two for two threads: at half its reading work, counted in
 * bytes (a gzip byte costs about GZIP_WEIGHT plain bytes: it inflates to several and
 * must be inflated first). The cut falls at the first line start past the midpoint of
 * a plain file, or between files when the midpoint falls in a gzip stream (which can
 * only be read from its start). The worker's part of a cut file is told the file's
 * format, decided by the file's first non-blank line as a single pass would.
 * Null when the run is too small to be worth a thread, or cannot be cut.
 */
export interface SplitPlan {
  first: FilePart[];
  second: FilePart[];
}

const GZIP_WEIGHT = 6;
/** Bytes read to find a line start, or the first line. */
const WINDOW = 1 << 16;

export async function planSplit(files: string[], minBytes: number): Promise<SplitPlan | null> {
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  const weights = files.map((f, i) => (sizes[i] as number) * (f.endsWith('.gz') ? GZIP_WEIGHT : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total < minBytes) return null;
  const half = total / 2;
  let before = 0;
  for (let i = 0; i < files.length; i++) {
    const w = weights[i] as number;
    if (before + w <= half) {
      before += w;
      continue;
    }
    const path = files[i] as string;
    const whole = (k: number) => files.slice(0, k).map((p) => ({ path: p }));
    const rest = (k: number) => files.slice(k).map((p) => ({ path: p }));
    if (!path.endsWith('.gz')) {
      const cut = await cutInside(path, Math.round(half - before), sizes[i] as number);
      if (cut) {
        return {
          first: [...whole(i), { path, range: { start: 0, end: cut.at } }],
          second: [{ path, range: { start: cut.at, end: sizes[i] as number }, format: cut.format }, ...rest(i + 1)],
        };
      }
    }
    // Between files: this one goes to the side that leaves the halves closer.
    const k = half - before > w / 2 ? i + 1 : i;
    return k > 0 && k < files.length ? { first: whole(k), second: rest(k) } : null;
  }
  return null;
}

/** The first line start at or after `offset` in a plain file, with the file's format; null when there is none to use. */
async function cutInside(
  path: string,
  offset: number,
  size: number,
): Promise<{ at: number; format: CsvLayout | null } | null> {
  const head = Buffer.alloc(Math.min(WINDOW, size));
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  const first = firstLine(head, path);
  if (!first || offset < first.end) return null;
  const at = lineStartAfter(path, offset, size);
  return at === null ? null : { at, format: first.format };
}

/**
 * The first line start at or after `offset` in a plain file of `size` bytes, null when
 * there is none before its end. Synchronous reads of small windows: split-adaptive.ts
 * calls it between two blocks of the reading thread.
 */
export function lineStartAfter(path: string, offset: number, size: number): number | null {
  const fd = openSync(path, 'r');
  try {
    const win = Buffer.alloc(WINDOW);
    for (let pos = offset - 1; pos < size; pos += WINDOW) {
      const n = readSync(fd, win, 0, WINDOW, pos);
      if (n <= 0) return null;
      const nl = win.subarray(0, n).indexOf(10);
      if (nl >= 0) return pos + nl + 1 < size ? pos + nl + 1 : null;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The format decided by the first non-blank line of `head`, and where that line ends; null if it is not complete in `head` or not k6 output. */
function firstLine(head: Buffer, path: string): { format: CsvLayout | null; end: number } | null {
  let s = 0;
  let lineNo = 0;
  for (;;) {
    const e = head.indexOf(10, s);
    if (e < 0) return null;
    lineNo++;
    const text = head.toString('utf8', s, e);
    if (text.trim().length > 0) {
      try {
        return { format: detect(text, displayPath(path), lineNo), end: e };
      } catch {
        return null; // a single pass reports it
      }
    }
    s = e + 1;
  }
}
