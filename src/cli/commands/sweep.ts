import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { OPERATIONS, type Operation } from '../../journey/types.js';
import type { RunningPortal } from '../../portal/index.js';
import { SERVICE_DISTS, type ServiceDist } from '../../portal/service-time.js';
import type { Sweep } from '../../results/sweep.js';
import { durationFlag } from '../../util/duration.js';
import { displayPath } from '../../util/display-path.js';
import { EXIT, UsageError } from '../errors.js';
import { wholeNumber } from '../flag-numbers.js';
import { stopSignals } from '../signals.js';

interface SweepArgs {
  target?: string;
  'base-url'?: string;
  out: string;
  mode: 'closed' | 'open';
  levels: number;
  start?: number;
  growth: number;
  max?: number;
  warmup: string;
  steady: string;
  'think-time': string;
  ops: string;
  'error-limit': number;
  workers: number;
  'service-ms': number;
  'service-dist': ServiceDist;
  scenario: string;
  seed: number;
  'allow-host': string[];
  quiet: boolean;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep [target]',
  describe:
    'Measure throughput and latency at a staircase of load levels (for `rehearse plan`): sweep.json and sweep.csv',
  builder: (y) =>
    y
      .positional('target', {
        type: 'string',
        describe:
          "Target file of the portal under test (default: the reference portal's, started on loopback for the sweep)",
      })
      .option('base-url', {
        type: 'string',
        describe: 'Portal under test; without it the reference portal is started with --workers and --service-ms',
      })
      .option('out', {
        type: 'string',
        default: 'runs/sweep',
        describe: 'Directory for sweep.json and sweep.csv (rewritten after every level)',
      })
      .option('mode', {
        choices: ['closed', 'open'] as const,
        default: 'closed' as const,
        describe:
          'closed: N journeys in flight, each starting the next after a think time (the USL’s model); open: journeys started at a rate',
      })
      .option('levels', {
        type: 'number',
        default: 12,
        describe: 'Load levels in all (at least 8 for a trustworthy fit)',
      })
      .option('start', {
        type: 'number',
        describe: 'First level: concurrency (closed, default 1) or journeys/s (open, default 10)',
      })
      .option('growth', { type: 'number', default: 2, describe: 'Factor between levels while climbing to the knee' })
      .option('max', { type: 'number', describe: 'Highest level allowed (default 512 in flight, or 5,000 journeys/s)' })
      .option('warmup', { type: 'string', default: '1s', describe: 'Warm-up at each level before counting' })
      .option('steady', { type: 'string', default: '5s', describe: 'Steady window counted at each level' })
      .option('think-time', {
        type: 'string',
        default: '0s',
        describe: 'Closed loop: mean think time between one user’s journeys (exponential)',
      })
      .option('ops', {
        type: 'string',
        default: 'browse',
        describe: `Operations of one journey, comma-separated (${OPERATIONS.join(', ')})`,
      })
      .option('error-limit', {
        type: 'number',
        default: 0.05,
        describe: 'Stop climbing once this share of responses are errors',
      })
      .option('workers', { type: 'number', default: 4, describe: 'Reference portal: service slots' })
      .option('service-ms', {
        type: 'number',
        default: 20,
        describe:
          'Reference portal: mean service time per request, ms (capacity = workers ÷ service time: 200/s by default)',
      })
      .option('service-dist', {
        choices: SERVICE_DISTS,
        default: 'exponential' as ServiceDist,
        describe: 'Reference portal: service-time distribution',
      })
      .option('scenario', {
        type: 'string',
        default: 'election-night',
        describe: 'Whose synthetic candidates fill the requests (names, countries, e-mails)',
      })
      .option('seed', { type: 'number', default: 1, describe: 'Seed for the candidates and the think times' })
      .option('allow-host', {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'Allow load on this non-loopback host (only hosts you own)',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress lines' })
      .example(
        '$0 sweep --out runs/sweep',
        'Sweep the reference portal (4 workers × 20 ms: 200 requests/s) in about a minute and a half',
      )
      .example(
        '$0 sweep my-portal.json --base-url http://127.0.0.1:3000 --levels 16 --steady 20s',
        'Sweep your own portal on loopback',
      )
      .example('$0 plan runs/sweep/sweep.json', 'Then fit the models and size the instances')
      .epilog(
        'Ctrl-C stops the level under way and keeps every level measured (exit 130); the sweep stops itself when goodput falls at two levels in a row past the knee.',
      ),
  handler: async (a) => {
    const { runSweep } = await import('../../engine/sweep/run.js');
    const { generatePopulation } = await import('../../population/generate.js');
    const { startPortal } = await import('../../portal/index.js');
    const { loadScenario } = await import('../../scenario/load.js');
    const { loadTarget } = await import('../../target/load.js');
    const { REFERENCE_TARGET } = await import('../rehearsal.js');
    const ops = a.ops.split(',').map((s) => s.trim()) as Operation[];
    for (const op of ops)
      if (!OPERATIONS.includes(op))
        throw new UsageError(`--ops: expected operations from ${OPERATIONS.join(', ')}, got "${op}"`);
    if (!(a.growth > 1)) throw new UsageError(`--growth: expected a factor > 1, got ${a.growth}`);
    if (!(a['error-limit'] >= 0 && a['error-limit'] <= 1))
      throw new UsageError(`--error-limit: expected a share between 0 and 1, got ${a['error-limit']}`);
    const levels = wholeNumber(a.levels, '--levels', 1);
    if (levels < 8 && !a.quiet)
      process.stderr.write(
        `sweep: ${levels} levels; the USL has three coefficients, and fewer than 8 levels leave its intervals wide\n`,
      );
    const closed = a.mode === 'closed';
    const start = a.start ?? (closed ? 1 : 10);
    const max = a.max ?? (closed ? 512 : 5000);
    if (!(start > 0) || (closed && !Number.isInteger(start)))
      throw new UsageError(`--start: expected ${closed ? 'a whole number ≥ 1' : 'a rate > 0'}, got ${start}`);
    if (!(max >= start)) throw new UsageError(`--max: expected at least --start (${start}), got ${max}`);
    const warmupMs = durationFlag(a.warmup, '--warmup');
    const steadyMs = durationFlag(a.steady, '--steady');
    if (steadyMs < 1000) throw new UsageError(`--steady: expected at least 1s, got "${a.steady}"`);
    const thinkMs = durationFlag(a['think-time'], '--think-time');
    const scenario = await loadScenario(a.scenario);
    const target = await loadTarget(a.target ?? REFERENCE_TARGET);
    const say = (s: string) => !a.quiet && process.stderr.write(s);

    let portal: RunningPortal | undefined;
    let reference: Sweep['target']['reference'] = null;
    let baseUrl = a['base-url'];
    if (!baseUrl) {
      const workers = wholeNumber(a.workers, '--workers', 1);
      if (!(a['service-ms'] > 0)) throw new UsageError(`--service-ms: expected a time > 0, got ${a['service-ms']}`);
      portal = await startPortal({
        strategy: 'open',
        workers,
        serviceMs: a['service-ms'],
        serviceDist: a['service-dist'],
        queueTimeoutMs: 10_000,
        host: '127.0.0.1',
        port: 0,
        seed: a.seed,
      });
      baseUrl = portal.url;
      reference = {
        strategy: 'open',
        workers,
        serviceMs: a['service-ms'],
        capacityPerSec: (workers * 1000) / a['service-ms'],
      };
      say(
        `reference portal (open, ${workers} workers × ${a['service-ms']} ms ${a['service-dist']}: ${reference.capacityPerSec}/s) on ${baseUrl}\n`,
      );
    }
    const stops = stopSignals((s) => process.stderr.write(s));
    const unit = closed ? 'N' : 'journeys/s';
    try {
      const sweep = await runSweep({
        mode: a.mode,
        target,
        baseUrl,
        allowHosts: a['allow-host'],
        ops,
        population: () => generatePopulation(scenario, a.seed),
        staircase: { start, growth: a.growth, levels, max, errorLimit: a['error-limit'], integer: closed },
        warmupMs,
        steadyMs,
        thinkMs,
        seed: wholeNumber(a.seed, '--seed', 0),
        outDir: a.out,
        reference,
        signal: stops.soft,
        onLevelStart: (load, i, of) => process.stderr.isTTY && say(`level ${i}/${of} ${unit}=${load} …\r`),
        onLevel: (l, i, of) =>
          say(
            `level ${i}/${of} ${unit}=${l.concurrency ?? l.offeredPerSec}  ok/s ${l.throughput.toFixed(1)}  p95 ${l.latencyMs ? `${l.latencyMs.p95.toFixed(0)} ms` : '—'}  errors ${(l.errorRate * 100).toFixed(1)} %  throttled ${(l.throttledRate * 100).toFixed(1)} %\n`,
          ),
      });
      const best = Math.max(0, ...sweep.levels.map((l) => l.throughput));
      process.stdout.write(
        `sweep ${sweep.status}: ${sweep.levels.length} levels, best ${best.toFixed(1)} ok/s${reference ? ` (reference capacity ${reference.capacityPerSec}/s)` : ''}${sweep.note ? `\n${sweep.note}` : ''}\n` +
          `${displayPath(resolve(a.out, 'sweep.json'))}\nnext: rehearse plan ${displayPath(resolve(a.out, 'sweep.json'))}\n`,
      );
      if (sweep.status === 'interrupted') process.exitCode = EXIT.interrupted;
    } finally {
      stops.dispose();
      await portal?.close();
    }
  },
};
