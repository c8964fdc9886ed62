import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Small hand-built files for the cut search's tests (split-plan, split-adaptive): k6 JSON
 * lines of exact byte lengths, so every line start is known by arithmetic.
 */
const HEAD = '{"type":"Point","metric":"vus","data":{"time":"2026-01-01T00:00:00Z","value":1,"tags":{"p":"';
const TAIL = '"}}}';

/** A k6 JSON point line of exactly `bytes` bytes with its line end (`\n` or `\r\n`). */
export function jsonLine(bytes: number, eol = '\n'): string {
  const pad = bytes - HEAD.length - TAIL.length - eol.length;
  if (pad < 0) throw new Error(`jsonLine: at least ${HEAD.length + TAIL.length + eol.length} bytes`);
  return HEAD + 'x'.repeat(pad) + TAIL + eol;
}

/** `count` lines of `bytes` bytes each. */
export const jsonLines = (count: number, bytes: number, eol = '\n'): string =>
  Array.from({ length: count }, () => jsonLine(bytes, eol)).join('');

/** Writes `text` (gzipped when the name ends in .gz) to a new file in a new directory; returns its path. */
export function writeRun(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'split-')), name);
  writeFileSync(path, name.endsWith('.gz') ? gzipSync(text) : text);
  return path;
}
