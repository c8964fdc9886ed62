import type { Argv } from 'yargs';
import { ENGINE_NAMES } from '../engine/index.js';
import { UsageErrorLike } from '../util/usage-error.js';

/** Flags shared by `run` and `demo`. */
export function withRunOptions<T>(y: Argv<T>) {
  return y
    .option('engine', { type: 'string', default: 'node', choices: ENGINE_NAMES, describe: 'What drives the traffic: node (built in) or k6 (needs k6 on PATH or K6_BIN)' })
    .option('seed', { type: 'number', default: 1, describe: 'Seed for the population and every journey decision: same seed, same population' })
    .option('scale', { type: 'number', describe: "Fraction of the scenario's population (and quota) sent, e.g. 0.01" })
    .option('time-scale', { type: 'number', describe: 'How many times faster than real time the day is replayed' })
    .option('segment', { type: 'string', describe: 'k6 execution segment, e.g. 0:1/4: run one share of the population' })
    .option('start-at', { type: 'string', describe: 'Opening time (ISO or epoch ms) shared by segment processes so their schedules line up' })
    .option('max-concurrent', { type: 'number', describe: 'Cap on journeys in flight; arrivals beyond it are dropped and counted (dropped_iterations)' })
    .option('max-duration', { type: 'string', describe: 'Hard stop for arrivals, e.g. 90s or 5m (journeys in flight then finish within --grace)' })
    .option('max-rps', { type: 'number', describe: 'Hard cap on requests per second (safety); delays are reported' })
    .option('grace', { type: 'string', default: '10s', describe: 'How long journeys in flight may finish after a stop' })
    .option('allow-host', { type: 'string', array: true, default: [] as string[], describe: 'Allow load on this non-loopback host (only hosts you own)' })
    .option('workers', { type: 'number', default: 1, describe: 'Worker threads for the node engine (2 uses both cores of a small machine)' })
    .option('http-samples', { type: 'string', default: 'all', choices: ['all', 'summary'], describe: 'all: four k6 samples per request; summary: per-second aggregates with HDR histograms (for very large runs)' })
    .option('gzip', { type: 'boolean', default: false, describe: 'Write samples.ndjson.gz' })
    .option('quiet', { type: 'boolean', default: false, describe: 'No progress output (the result lines are still printed)' })
    .option('json', { type: 'boolean', default: false, describe: 'Progress and result as JSON lines (for CI)' });
}

/** "90s", "5m", "1h", "250ms" or a number of ms. */
export function parseDuration(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) throw new UsageErrorLike(`${flag}: expected a duration like 90s, 5m or 250ms, got "${text}"`);
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms'];
}

export function parseStartAt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(n)) throw new UsageErrorLike(`--start-at: expected an ISO time or epoch milliseconds, got "${text}"`);
  return n;
}
