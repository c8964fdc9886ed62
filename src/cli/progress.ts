import type { Progress } from '../engine/types.js';

/**
 * Renders engine progress for a person or a pipeline. Returns strings; the caller
 * owns the terminal (as autocannon's printer does).
 *   tty   one live line, rewritten in place
 *   plain one line every `everyMs` (CI logs)
 *   json  one JSON object per tick
 *   quiet nothing
 */
export type ProgressMode = 'tty' | 'plain' | 'json' | 'quiet';

const sec = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;

export function progressLine(p: Progress): string {
  // Without a quota (a read-heavy day) nobody is "accepted": say how many journeys ended.
  const quota = p.quota !== undefined ? ` accepted ${p.accepted}/${p.quota}` : ` done ${p.finished ?? p.accepted}`;
  const dropped = p.dropped > 0 ? ` dropped ${p.dropped}` : '';
  // Before the opening (account creation, a pre-queue) the clock counts down.
  const clock = p.elapsedMs < 0 ? `opens in ${sec(-p.elapsedMs)}` : `${sec(p.elapsedMs)}/${sec(p.totalMs)}`;
  return (
    `${clock} arrived ${p.arrived}/${p.population} in flight ${p.inFlight}` +
    `${quota} req/s ${p.requestsPerSec} rejected/s ${p.rejectedPerSec} late p99 ${p.latenessP99Ms.toFixed(0)}ms${dropped}`
  );
}

export function progressPrinter(
  mode: ProgressMode,
  write: (s: string) => void,
  everyMs = 5000,
): {
  onProgress: (p: Progress) => void;
  done: () => void;
} {
  let last = -Infinity;
  let wrote = false;
  return {
    onProgress(p) {
      if (mode === 'quiet') return;
      if (mode === 'json') return write(JSON.stringify({ type: 'progress', ...p }) + '\n');
      if (mode === 'tty') {
        wrote = true;
        return write(`\r\x1b[2K${progressLine(p)}`);
      }
      if (p.elapsedMs - last >= everyMs) {
        last = p.elapsedMs;
        write(progressLine(p) + '\n');
      }
    },
    done() {
      if (mode === 'tty' && wrote) write('\n');
    },
  };
}

export function defaultMode(flags: { quiet?: boolean; json?: boolean }, isTTY: boolean): ProgressMode {
  if (flags.quiet) return 'quiet';
  if (flags.json) return 'json';
  return isTTY ? 'tty' : 'plain';
}

/** A read of a run so far: `analyze: 1.2 of 3.4 GB read (35 %), 12 s`. */
export function readProgressLine(bytes: number, totalBytes: number, elapsedMs: number): string {
  const unit = totalBytes >= 1e9 ? { d: 1e9, s: 'GB' } : { d: 1e6, s: 'MB' };
  const f = (b: number) => (b / unit.d).toFixed(b / unit.d < 10 ? 1 : 0);
  const pct = totalBytes > 0 ? Math.floor((100 * bytes) / totalBytes) : 100;
  return `analyze: ${f(bytes)} of ${f(totalBytes)} ${unit.s} read (${pct} %), ${sec(elapsedMs)}`;
}

/**
 * Progress of a long analysis on standard error: on a terminal one line rewritten in
 * place once the read has taken half a second; in a log, a line every `everyMs`.
 * Short analyses print nothing.
 */
export function readProgressPrinter(
  mode: ProgressMode,
  write: (s: string) => void,
  now: () => number = Date.now,
  everyMs = 5000,
): {
  onProgress: (p: { bytes: number; totalBytes: number }) => void;
  done: () => void;
} {
  const start = now();
  let last = -Infinity;
  let wrote = false;
  return {
    onProgress({ bytes, totalBytes }) {
      const t = now();
      const elapsed = t - start;
      if (mode === 'tty') {
        if (elapsed < 500 || t - last < 200) return;
        last = t;
        wrote = true;
        write(`\r\x1b[2K${readProgressLine(bytes, totalBytes, elapsed)}`);
      } else if (mode === 'plain' && elapsed >= everyMs && t - last >= everyMs) {
        last = t;
        write(readProgressLine(bytes, totalBytes, elapsed) + '\n');
      }
    },
    done() {
      if (wrote) write('\r\x1b[2K');
    },
  };
}
