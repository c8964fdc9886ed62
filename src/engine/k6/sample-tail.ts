import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parseTime } from '../../results/k6-format.js';
import { LatenessWindow } from '../lateness-window.js';
import { OutcomeTally } from '../outcome-warning.js';

/**
 * Follows the NDJSON file k6 is writing (`--out json=…`) and keeps the counts the
 * progress line shows, read from the toolkit's own metrics. Reads only complete
 * lines; k6 flushes its JSON output about every second.
 */
export class SampleTail {
  requests = 0;
  rejected = 0;
  arrived = 0;
  finished = 0;
  accepted = 0;
  dropped = 0;
  /** What the mapping warning is made of (k6's samples hold no bodies: no snippet). */
  readonly tally = new OutcomeTally();
  /** Epoch ms of the first sample, the fallback for time zero. */
  firstEpochMs: number | undefined;
  private readonly late = new LatenessWindow();
  private offset = 0;
  private rest = '';
  private fh: FileHandle | undefined;

  constructor(private readonly path: string) {}

  /** Reads what k6 appended since the last call. */
  async poll(): Promise<void> {
    if (!this.fh) {
      try {
        this.fh = await open(this.path, 'r');
      } catch {
        return; // k6 has not created it yet
      }
    }
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const { bytesRead } = await this.fh.read(buf, 0, buf.length, this.offset);
      if (bytesRead === 0) return;
      this.offset += bytesRead;
      const text = this.rest + buf.subarray(0, bytesRead).toString('utf8');
      const lines = text.split('\n');
      this.rest = lines.pop() ?? '';
      for (const l of lines) this.line(l);
    }
  }

  private line(l: string): void {
    if (!l.startsWith('{"type":"Point"') && !l.includes('"type":"Point"')) return;
    let p: { metric: string; data: { time: string; value: number; tags?: Record<string, string> } };
    try {
      p = JSON.parse(l) as typeof p;
    } catch {
      return;
    }
    if (this.firstEpochMs === undefined) this.firstEpochMs = parseTime(p.data.time);
    const tags = p.data.tags ?? {};
    switch (p.metric) {
      case 'rehearsal_req': {
        this.requests++;
        const cls = tags.class ?? 'unknown';
        if (cls !== 'ok') this.rejected++;
        this.tally.request(cls, Number(tags.status ?? 0));
        break;
      }
      case 'rehearsal_lateness':
        this.arrived++;
        this.late.add(p.data.value);
        break;
      case 'rehearsal_journey':
        this.finished++;
        if (tags.outcome) this.tally.journey(tags.outcome);
        if (tags.outcome === 'accepted') this.accepted++;
        break;
      case 'dropped_iterations':
        this.dropped += p.data.value;
        break;
    }
  }

  /**
   * Reads a gzip-compressed output whole, once k6 has finished writing it (a gzip stream
   * cannot be followed while it grows).
   */
  async readGzip(): Promise<void> {
    const lines = createInterface({ input: createReadStream(this.path).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const l of lines) this.line(l);
  }

  latenessP99(): number {
    return this.late.p99();
  }

  async close(): Promise<void> {
    await this.fh?.close();
    this.fh = undefined;
  }
}
