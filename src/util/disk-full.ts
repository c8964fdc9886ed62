import { open } from 'node:fs/promises';

/**
 * A full disk (ENOSPC) or an exhausted quota (EDQUOT) while writing output. Not a bug in
 * the toolkit (exit 70) and nothing to retry: the command stops, keeps what it wrote
 * readable, and says so in one line (exit 2, like any other problem the user fixes).
 */
export class DiskFull extends Error {
  readonly exitCode = 2;
}

export function isDiskFull(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * Cuts a file back to its last newline, so a write the disk stopped half-way leaves whole
 * lines (NDJSON, CSV) instead of a broken last one. Truncating frees space, so it works on
 * a full disk. Returns the bytes kept. Cost: reads at most the last 64 KiB per step back.
 */
export async function truncateToWholeLines(path: string): Promise<number> {
  const fh = await open(path, 'r+');
  try {
    const size = (await fh.stat()).size;
    const buf = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - buf.length);
      const { bytesRead } = await fh.read(buf, 0, end - start, start);
      const nl = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (nl >= 0) {
        const keep = start + nl + 1;
        if (keep < size) await fh.truncate(keep);
        return keep;
      }
      end = start;
    }
    await fh.truncate(0);
    return 0;
  } finally {
    await fh.close();
  }
}
