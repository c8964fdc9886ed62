import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBlocks } from '../../src/results/read-blocks.js';

/** Reads blocks into one buffer, checking each ends at a newline (but the file's cut-short end). */
async function collect(
  path: string,
  range?: { start: number; end: number },
): Promise<{ all: Buffer; unterminated: boolean }> {
  const parts: Buffer[] = [];
  let unterminated = false;
  for await (const b of readBlocks(path, range)) {
    expect(unterminated).toBe(false); // only the last block may be unterminated
    if (b.unterminated) unterminated = true;
    else expect(b.bytes[b.bytes.length - 1]).toBe(10);
    parts.push(Buffer.from(b.bytes));
  }
  return { all: Buffer.concat(parts), unterminated };
}

describe('blocks of whole lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-blocks-'));
  // Lines of many lengths, one longer than the 4 MiB buffer, and no newline at the end.
  const lines: string[] = [];
  for (let i = 0; i < 40_000; i++) lines.push('x'.repeat((i * 7919) % 300));
  lines.splice(20_000, 0, 'y'.repeat(9 << 20));
  const text = lines.join('\n') + '\nlast line without a newline';
  const plain = join(dir, 'lines.ndjson');
  writeFileSync(plain, text);

  it('give back every byte of a plain file, a line longer than the buffer and a cut-short end included', async () => {
    const { all, unterminated } = await collect(plain);
    expect(all.equals(readFileSync(plain))).toBe(true);
    expect(unterminated).toBe(true);
  });

  it('give back exactly a byte range that starts at a line start', async () => {
    const file = readFileSync(plain);
    const start = file.indexOf(10, 5 << 20) + 1;
    const { all, unterminated } = await collect(plain, { start, end: file.length });
    expect(all.equals(file.subarray(start))).toBe(true);
    expect(unterminated).toBe(true);
    const head = await collect(plain, { start: 0, end: start });
    expect(head.all.equals(file.subarray(0, start))).toBe(true);
    expect(head.unterminated).toBe(false);
  });

  it('give back every byte of a gzip file', async () => {
    const gz = join(dir, 'lines.ndjson.gz');
    writeFileSync(gz, gzipSync(text));
    const { all, unterminated } = await collect(gz);
    expect(all.toString()).toBe(text);
    expect(unterminated).toBe(true);
  });
});
