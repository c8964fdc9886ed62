import { dirname, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { PLAN_FORMATS, type PlanFormat } from '../../plan/format.js';
import { durationFlag } from '../../util/duration.js';
import { UsageError } from '../errors.js';
import { displayPath } from '../../util/display-path.js';
import { wholeNumber } from '../flag-numbers.js';

interface PlanArgs {
  input: string;
  scenario: string;
  'peak-users'?: number;
  'think-time'?: string;
  slo: string;
  headroom: number;
  workers?: number;
  'queue-room'?: number;
  format: PlanFormat;
  out?: string;
  seed: number;
  resamples: number;
  quiet: boolean;
}

export const planCommand: CommandModule<object, PlanArgs> = {
  command: 'plan <input>',
  describe: 'Fit the Universal Scalability Law and queueing models to a sweep and say how many instances a peak needs',
  builder: (y) =>
    y
      .positional('input', {
        type: 'string',
        demandOption: true,
        describe:
          'A sweep.json from `rehearse sweep`, or a CSV with a header and at least concurrency,throughput (optionally p95_ms)',
      })
      .option('scenario', {
        type: 'string',
        default: 'election-night',
        describe: "Whose peak to size for: the scenario's visitors at once at full scale and its time between requests",
      })
      .option('peak-users', { type: 'number', describe: "Visitors at once at the peak (overrides the scenario's)" })
      .option('think-time', {
        type: 'string',
        describe:
          "Mean time between one visitor's requests, e.g. 60s (overrides the scenario's; a bare number is seconds)",
      })
      .option('slo', {
        type: 'string',
        default: 'p95<2s',
        describe:
          'Latency objective each instance must meet: capacity is taken at the largest concurrency that meets it',
      })
      .option('headroom', {
        type: 'number',
        default: 0.7,
        describe: 'Share of an instance’s capacity to plan on using (0.7 leaves 30 % spare)',
      })
      .option('workers', {
        type: 'number',
        describe: "Service slots per instance, for the queueing view (default: the reference portal's, from the sweep)",
      })
      .option('queue-room', {
        type: 'number',
        describe: 'Waiting places per instance for the M/M/c/K turned-away figure (default 10 per worker)',
      })
      .option('format', { choices: PLAN_FORMATS, default: 'table' as PlanFormat, describe: 'What to print' })
      .option('out', {
        type: 'string',
        describe: "Directory for plan.json, plan.md and the chart (default: the input's directory)",
      })
      .option('seed', {
        type: 'number',
        default: 1,
        describe: 'Seed of the bootstrap: same input and seed, same intervals',
      })
      .option('resamples', {
        type: 'number',
        default: 1000,
        describe: 'Bootstrap resamples for the intervals of N* and X(N*)',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'Write the files, print nothing' })
      .example(
        '$0 plan runs/sweep/sweep.json',
        'Instances for election night (200,000 at once) at p95 < 2 s with 30 % headroom',
      )
      .example(
        "$0 plan measurements.csv --peak-users 50000 --think-time 30s --slo 'p95<800ms' --format md",
        'Plan from another tool’s measurements',
      )
      .epilog(
        'The USL is fitted by bounded Levenberg–Marquardt on raw throughput; σ, κ, λ have 95 % intervals from the fit, N* and X(N*) from a residual bootstrap. ' +
          'Warnings say when there are too few levels, a coefficient sits on its bound, or an answer extrapolates beyond twice what was measured. See docs/capacity-planning.md.',
      ),
  handler: async (a) => {
    const { formatPlan } = await import('../../plan/format.js');
    const { readPlanInput } = await import('../../plan/input.js');
    const { parseObjective } = await import('../../plan/objective.js');
    const { scenarioPeak } = await import('../../plan/peak.js');
    const { buildPlan } = await import('../../plan/plan.js');
    const { writePlan } = await import('../../plan/write.js');
    const { loadScenario } = await import('../../scenario/load.js');
    if (!(a.headroom > 0 && a.headroom <= 1))
      throw new UsageError(`--headroom: expected a share in (0, 1], got ${a.headroom}`);
    const objective = parseObjective(a.slo);
    const input = await readPlanInput(a.input);
    if (input.points.length < 3)
      throw new UsageError(
        `${a.input}: ${input.points.length} measured levels; the USL needs at least 3 (sweep 8 or more)`,
      );
    const base = scenarioPeak(await loadScenario(a.scenario, { scale: 1, timeScale: 1 }));
    const thinkS =
      a['think-time'] === undefined
        ? base.thinkTimeS
        : /^\s*\d+(\.\d+)?\s*$/.test(a['think-time'])
          ? Number(a['think-time'])
          : durationFlag(a['think-time'], '--think-time') / 1000;
    if (!(thinkS > 0)) throw new UsageError(`--think-time: expected a duration > 0, got "${a['think-time']}"`);
    if (a['peak-users'] !== undefined && !(a['peak-users'] > 0))
      throw new UsageError(`--peak-users: expected a number > 0, got ${a['peak-users']}`);
    const overridden = a['peak-users'] !== undefined || a['think-time'] !== undefined;
    const peak = {
      users: a['peak-users'] ?? base.users,
      thinkTimeS: thinkS,
      source: overridden ? `flags (scenario ${a.scenario} for what was not given)` : base.source,
    };
    const result = buildPlan(input, {
      objective,
      headroom: a.headroom,
      peak,
      ...(a.workers !== undefined ? { workersPerInstance: wholeNumber(a.workers, '--workers', 1) } : {}),
      ...(a['queue-room'] !== undefined ? { queueRoom: wholeNumber(a['queue-room'], '--queue-room', 0) } : {}),
      seed: wholeNumber(a.seed, '--seed', 0),
      resamples: wholeNumber(a.resamples, '--resamples', 100),
    });
    const dir = resolve(a.out ?? dirname(resolve(a.input)));
    const written = await writePlan(result, input.points, dir);
    if (a.quiet) return;
    process.stdout.write(formatPlan(result.plan, a.format));
    for (const w of written.warnings) process.stderr.write(`chart: ${w}\n`);
    if (a.format !== 'json')
      process.stderr.write(
        `plan: ${displayPath(resolve(dir, 'plan.json'))}, chart: ${displayPath(resolve(dir, 'capacity.svg'))}\n`,
      );
  },
};
