import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { metricLine, pointLineRaw, type MetricName } from './k6-format.js';
import { truncateToWholeLines } from '../util/disk-full.js';

/** Where an engine's samples go: a file (SampleWriter), or the analyzer in memory (the simulator; see the Recorder's `RecorderOut`). */
export type SampleOut = Pick<SampleWriter, 'point' | 'pointRaw'>;

/**
 * Buffered, line-atomic NDJSON writer for k6-format samples. Lines are joined in
 * memory and handed to the stream in chunks (never a partial line), and the writer
 * awaits 'drain' so a fast engine cannot grow memory without bound.
 */
export class SampleWriter {
  private buf: string[] = [];
  private bytes = 0;
  private declared = new Set<string>();
  private readonly out: WriteStream;
  private readonly sink: NodeJS.WritableStream;
  private closed = false;
  /** The write error that stopped this writer (a full disk), if any. */
  error: NodeJS.ErrnoException | undefined;
  private readonly gzip: boolean;

  /**
   * `onError` is called once if the file cannot be written (ENOSPC): the writer then
   * drops further samples, and `close()` leaves the file cut back to whole lines.
   */
  constructor(
    private readonly path: string,
    opts: { gzip?: boolean; chunkBytes?: number; onError?: (e: NodeJS.ErrnoException) => void } = {},
  ) {
    this.out = createWriteStream(path);
    this.gzip = opts.gzip ?? false;
    if (opts.gzip) {
      const gz = createGzip();
      gz.pipe(this.out);
      this.sink = gz;
    } else {
      this.sink = this.out;
    }
    const fail = (e: NodeJS.ErrnoException) => {
      if (this.error) return;
      this.error = e;
      this.closed = true;
      this.buf = [];
      opts.onError?.(e);
    };
    this.out.on('error', fail);
    if (this.sink !== this.out) (this.sink as NodeJS.EventEmitter).on('error', fail);
    this.chunkBytes = opts.chunkBytes ?? 64 * 1024;
  }
  private readonly chunkBytes: number;

  /** Adds one sample; returns a promise only when the caller should wait for the disk. */
  point(name: MetricName, epochMs: number, value: number, tags: Record<string, string>): Promise<void> | undefined {
    return this.pointRaw(name, epochMs, value, JSON.stringify(tags));
  }

  /** As `point`, with the tags already serialized (engines cache the few distinct tag sets). */
  pointRaw(name: MetricName, epochMs: number, value: number, tagsJson: string): Promise<void> | undefined {
    if (this.closed) return undefined;
    if (!this.declared.has(name)) {
      this.declared.add(name);
      this.push(metricLine(name));
    }
    this.push(pointLineRaw(name, epochMs, value, tagsJson));
    return this.bytes >= this.chunkBytes ? this.flush() : this.draining;
  }

  private push(line: string): void {
    this.buf.push(line);
    this.bytes += line.length + 1;
  }

  /** Set while the stream is over its high-water mark; every writer awaits the same one. */
  private draining: Promise<void> | undefined;

  flush(): Promise<void> {
    if (this.buf.length > 0) {
      const chunk = this.buf.join('\n') + '\n';
      this.buf = [];
      this.bytes = 0;
      if (!this.sink.write(chunk) && !this.draining) {
        // A failed stream never drains: waiters are released and the error is reported once, by `onError`.
        this.draining = once(this.sink, 'drain').then(
          () => void (this.draining = undefined),
          () => void (this.draining = undefined),
        );
      }
    }
    return this.draining ?? Promise.resolve();
  }

  /** Flushes everything and closes the file; the file is valid NDJSON afterwards. */
  async close(): Promise<void> {
    if (this.error) return this.closeFailed();
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    const finished = once(this.out, 'close').catch(() => undefined);
    this.sink.end();
    await finished;
    if (this.error) await this.closeFailed();
  }

  /** After a write error: wait for the stream to let go of the file, then keep whole lines only (plain NDJSON). */
  private async closeFailed(): Promise<void> {
    if (!this.out.closed) await once(this.out, 'close').catch(() => undefined);
    if (!this.gzip) await truncateToWholeLines(this.path).catch(() => undefined);
  }

  /** Synchronous last-resort flush for a hard exit: writes whole lines only. */
  get pendingLines(): number {
    return this.buf.length;
  }
}
