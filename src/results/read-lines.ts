import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { constants, createGunzip } from 'node:zlib';

/**
 * The lines of a text file (plain or gzip), in batches, with bounded memory: one
 * chunk (1 MiB) at a time. `last` is the final line when the file does not end with a
 * newline — a run killed mid-write — so the caller can tell a truncated line apart.
 */
export interface LineBatch {
  lines: string[];
  /** 1-based number of lines[0]. */
  firstLine: number;
  /** True for the batch holding an unterminated final line (its last element). */
  unterminated: boolean;
}

const CHUNK = 1 << 20;

export async function* readLineBatches(path: string): AsyncGenerator<LineBatch> {
  let stream: NodeJS.ReadableStream = createReadStream(path, { highWaterMark: CHUNK });
  if (path.endsWith('.gz')) {
    // Z_SYNC_FLUSH: a gzip file cut short (killed run) yields what it holds instead of an error.
    stream = stream.pipe(createGunzip({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: CHUNK }));
  }
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lineNo = 1;
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk as Buffer);
    const lines = text.split('\n');
    rest = lines.pop() as string;
    if (lines.length > 0) {
      yield { lines, firstLine: lineNo, unterminated: false };
      lineNo += lines.length;
    }
  }
  rest += decoder.end();
  if (rest.length > 0) yield { lines: [rest], firstLine: lineNo, unterminated: true };
}
