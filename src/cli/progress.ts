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

export function progressPrinter(mode: ProgressMode, write: (s: string) => void, everyMs = 5000): {
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
