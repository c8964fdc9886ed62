import type { Argv } from 'yargs';
import { ENGINE_NAMES } from '../engine/index.js';
import { durationFlag } from '../util/duration.js';
import { UsageError } from '../util/usage-error.js';
import { maxWorkers, numberIn, seedFlag, wholeNumber } from './flag-numbers.js';
import type { RehearsalOptions } from './rehearsal.js';

/** Flags shared by `run` and `demo`. */
export function withRunOptions<T>(y: Argv<T>) {
  return y
    .option('engine', {
      type: 'string',
      default: 'node',
      choices: ENGINE_NAMES,
      describe:
        'What drives the traffic: node (built in), k6 (needs k6 on PATH or K6_BIN), or sim (a model of the reference portal in virtual time: see `rehearse simulate`)',
    })
    .option('seed', {
      type: 'number',
      default: 1,
      describe: 'Seed for the population and every journey decision: same seed, same population',
    })
    .option('scale', { type: 'number', describe: "Fraction of the scenario's population (and quota) sent, e.g. 0.01" })
    .option('time-scale', { type: 'number', describe: 'How many times faster than real time the day is replayed' })
    .option('segment', {
      type: 'string',
      describe: 'k6 execution segment, e.g. 0:1/4: run one share of the population',
    })
    .option('start-at', {
      type: 'string',
      describe: 'Opening time (ISO or epoch ms) shared by segment processes so their schedules line up',
    })
    .option('max-concurrent', {
      type: 'number',
      describe: 'Cap on journeys in flight; arrivals beyond it are dropped and counted (dropped_iterations)',
    })
    .option('max-duration', {
      type: 'string',
      describe: 'Hard stop for arrivals, e.g. 90s, 1m30s or 5m (journeys in flight then finish within --grace)',
    })
    .option('max-rps', { type: 'number', describe: 'Hard cap on requests per second (safety); delays are reported' })
    .option('grace', {
      type: 'string',
      default: '10s',
      describe: 'How long journeys in flight may finish after a stop',
    })
    .option('allow-host', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'Allow load on this non-loopback host (only hosts you own)',
    })
    .option('workers', {
      type: 'number',
      default: 1,
      describe: 'Worker threads for the node engine (2 uses both cores of a small machine)',
    })
    .option('http-samples', {
      type: 'string',
      default: 'all',
      choices: ['all', 'summary'],
      describe:
        'all: four k6 samples per request; summary: per-second aggregates with HDR histograms (for very large runs)',
    })
    .option('gzip', { type: 'boolean', default: false, describe: 'Write samples.ndjson.gz' })
    .option('quiet', {
      type: 'boolean',
      default: false,
      describe: 'No progress output (the result lines are still printed)',
    })
    .option('json', { type: 'boolean', default: false, describe: 'Progress and result as JSON lines (for CI)' });
}

export function parseStartAt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(n))
    throw new UsageError(`--start-at: expected an ISO time or epoch milliseconds, got "${text}"`);
  return n;
}

/** The flags `withRunOptions` declares, as yargs parses them. */
export interface RunFlags {
  engine: string;
  seed: number;
  scale?: number;
  'time-scale'?: number;
  segment?: string;
  'start-at'?: string;
  'max-concurrent'?: number;
  'max-duration'?: string;
  'max-rps'?: number;
  grace: string;
  'allow-host': string[];
  workers: number;
  'http-samples': string;
  gzip: boolean;
}

/**
 * The run flags shared by `run` and `demo`, checked and turned into rehearsal options,
 * so both commands honour every flag they accept.
 */
export function rehearsalFlags(a: RunFlags): Omit<RehearsalOptions, 'scenario' | 'outDir'> {
  if (a['max-rps'] !== undefined)
    numberIn(a['max-rps'], '--max-rps', { min: 0, max: 1e9, what: 'a number of requests per second' });
  return {
    seed: seedFlag(a.seed),
    engine: a.engine,
    ...(a.scale !== undefined ? { scale: a.scale } : {}),
    ...(a['time-scale'] !== undefined ? { timeScale: a['time-scale'] } : {}),
    allowHosts: a['allow-host'],
    ...(a.segment !== undefined ? { segment: a.segment } : {}),
    ...(a['start-at'] !== undefined ? { startAt: parseStartAt(a['start-at']) as number } : {}),
    ...(a['max-concurrent'] !== undefined
      ? { maxConcurrent: wholeNumber(a['max-concurrent'], '--max-concurrent', 1) }
      : {}),
    ...(a['max-duration'] !== undefined ? { maxDurationMs: durationFlag(a['max-duration'], '--max-duration') } : {}),
    ...(a['max-rps'] !== undefined ? { maxRps: a['max-rps'] } : {}),
    graceMs: durationFlag(a.grace, '--grace'),
    gzip: a.gzip,
    workers: wholeNumber(a.workers, '--workers', 1, maxWorkers(), `twice this machine's ${maxWorkers() / 2} cores`),
    httpSamples: a['http-samples'] as 'all' | 'summary',
  };
}
