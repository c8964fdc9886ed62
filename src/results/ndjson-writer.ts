import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { metricLine, pointLineRaw, type MetricName } from './k6-format.js';

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

  constructor(path: string, opts: { gzip?: boolean; chunkBytes?: number } = {}) {
    this.out = createWriteStream(path);
    if (opts.gzip) {
      const gz = createGzip();
      gz.pipe(this.out);
      this.sink = gz;
    } else {
      this.sink = this.out;
    }
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
        this.draining = once(this.sink, 'drain').then(() => {
          this.draining = undefined;
        });
      }
    }
    return this.draining ?? Promise.resolve();
  }

  /** Flushes everything and closes the file; the file is valid NDJSON afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    const finished = once(this.out, 'close');
    this.sink.end();
    await finished;
  }

  /** Synchronous last-resort flush for a hard exit: writes whole lines only. */
  get pendingLines(): number {
    return this.buf.length;
  }
}
