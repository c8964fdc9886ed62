import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import type { SimResult } from '../../engine/sim/run.js';
import { duration } from '../../report/format.js';
import { PortalOptionsError, resolveOptions, type PortalOptions } from '../../portal/options.js';
import type { Scenario } from '../../scenario/types.js';
import type { TargetFile } from '../../target/types.js';
import { displayPath } from '../../util/display-path.js';
import { EXIT, UsageError } from '../errors.js';
import { asFlags, portalOptionsFromFlags, type PortalFlags, withPortalFlags } from '../portal-flags.js';
import { defaultMode, progressPrinter } from '../progress.js';
import { durationFlag } from '../../util/duration.js';
import { wholeNumber } from '../flag-numbers.js';
import { stopSignals } from '../signals.js';

interface SimulateArgs extends PortalFlags {
  scenario: string;
  scale: number;
  'time-scale': number;
  seed: number;
  'portal-model'?: string;
  plan?: string;
  instances?: number;
  target?: string;
  out: string;
  samples: string;
  gzip: boolean;
  'max-concurrent'?: number;
  'max-duration'?: string;
  'compare-designs'?: string;
  'rtt-ms': number;
  quiet: boolean;
  json: boolean;
}

const MODEL_FIELDS = new Set([
  'strategy',
  'quota',
  'maxActive',
  'workers',
  'serviceMs',
  'serviceMsByOp',
  'serviceDist',
  'retryAfterSec',
  'queueTimeoutMs',
  'admitPerSec',
  'shufflePreQueue',
  'passTtlMs',
  'codeTtlMs',
  'seed',
]);

/** A portal model file: the reference portal's options as JSON (src/portal/options.ts). */
export async function loadPortalModel(file: string): Promise<Partial<PortalOptions>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(
      `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(e as Error).message})`}`,
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new UsageError(`${file}: expected a JSON object of portal options (strategy, workers, serviceMs, …)`);
  const unknown = Object.keys(raw).filter((k) => !MODEL_FIELDS.has(k) && k !== '$schema');
  if (unknown.length)
    throw new UsageError(
      `${file}: ${unknown.map((k) => `${k}: not a portal option (expected one of ${[...MODEL_FIELDS].join(', ')})`).join('; ')}`,
    );
  return raw as Partial<PortalOptions>;
}

/** The portal of a plan.json (src/plan/read-plan.ts `portalFromPlan`): its workers and service time. */
async function modelFromPlan(file: string, instances?: number): Promise<Partial<PortalOptions>> {
  const { planInstances, portalFromPlan, readPlan } = await import('../../plan/read-plan.js');
  const plan = await readPlan(file);
  const { workers, serviceMs } = portalFromPlan(
    plan,
    planInstances(plan, instances !== undefined ? wholeNumber(instances, '--instances', 1) : undefined),
  );
  return { workers, serviceMs };
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate <scenario>',
  describe:
    'Simulate a scenario at full scale in virtual time against a model of the reference portal; writes a run directory with summary.json',
  builder: (y) =>
    withPortalFlags(
      y
        .positional('scenario', {
          type: 'string',
          demandOption: true,
          describe: 'Built-in scenario name (see `rehearse scenarios list`) or a scenario file',
        })
        .option('scale', {
          type: 'number',
          default: 1,
          describe: "Fraction of the scenario's population (and quota): 1 is the real day",
        })
        .option('time-scale', {
          type: 'number',
          default: 1,
          describe: 'Speed-up of the day the model sees: 1 is real time (service times are real, as in the portal)',
        })
        .option('seed', { type: 'number', default: 1, describe: 'Seed for the population and every journey decision' })
        .option('portal-model', {
          type: 'string',
          describe:
            "JSON file of the portal's options (strategy, workers, serviceMs, quota, maxActive, admitPerSec, …); flags override it",
        })
        .option('plan', {
          type: 'string',
          describe:
            "A plan.json from `rehearse plan`: the portal is the plan's instance (workers, service time) × --instances; flags override it",
        })
        .option('instances', {
          type: 'number',
          describe: "Instances with --plan (default: the plan's own count for its peak)",
        })
        .option('target', {
          type: 'string',
          describe: "Target file (default: the reference portal's); its operations must be reference-portal routes",
        })
        .option('out', {
          type: 'string',
          default: 'runs/sim',
          describe: 'Run directory to write (with --compare-designs: one sub-directory per design and the comparison)',
        })
        .option('samples', {
          type: 'string',
          choices: ['none', 'summary', 'all'],
          default: 'none',
          describe:
            'Also write k6-format samples (for compare, check, k6 tools): all = four lines a request as a node run (gigabytes at full scale), summary = per-second request aggregates and a line per journey',
        })
        .option('gzip', { type: 'boolean', default: false, describe: 'With --samples: write samples.ndjson.gz' })
        .option('max-concurrent', {
          type: 'number',
          describe: 'Cap on journeys in flight; arrivals beyond it are dropped and counted',
        })
        .option('max-duration', { type: 'string', describe: 'No arrivals after this much run time, e.g. 90m' })
        .option('rtt-ms', {
          type: 'number',
          default: 0,
          describe:
            'Round trip between a visitor and the portal, ms (half each way): adds to every latency and slows every retry loop',
        })
        .option('compare-designs', {
          type: 'string',
          describe:
            'Comma-separated designs (throttle,waiting-room,eoi,open): the same population against each, one comparison',
        })
        .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
        .option('json', { type: 'boolean', default: false, describe: 'Progress and result as JSON lines' }),
    )
      .example(
        '$0 simulate election-night',
        "The whole night, 5.26 million visitors, against the scenario's calibrated portal scaled to the real night",
      )
      .example(
        '$0 simulate launch-day --workers 8 --max-active 8',
        'The 2016 quota opening at full scale with four times the capacity',
      )
      .example(
        '$0 simulate launch-day --compare-designs throttle,waiting-room,eoi --out runs/designs',
        'Which design survives the day',
      )
      .example('$0 simulate launch-day --portal-model model.json --out runs/what-if', 'A model from a file')
      .example(
        '$0 simulate election-night --plan runs/sweep/plan.json',
        'The night against the planned instances (measured by `rehearse sweep`, fitted by `rehearse plan`)',
      )
      .conflicts('plan', 'portal-model'),
  handler: async (a) => {
    if (!(a.scale > 0)) throw new UsageError(`--scale: expected a fraction > 0, got ${a.scale}`);
    if (!(a['time-scale'] > 0)) throw new UsageError(`--time-scale: expected a number > 0, got ${a['time-scale']}`);
    const seed = wholeNumber(a.seed, '--seed', 0);
    // The subsystems load when the command runs, not at every start (see ./index.ts).
    const { loadScenario } = await import('../../scenario/load.js');
    const { loadTarget } = await import('../../target/load.js');
    const { REFERENCE_TARGET } = await import('../reference-target.js');
    const scenario = await loadScenario(a.scenario, { scale: a.scale, timeScale: a['time-scale'] });
    const target = await loadTarget(a.target ?? REFERENCE_TARGET);
    if (a.instances !== undefined && a.plan === undefined)
      throw new UsageError('--instances: only with --plan (the instance it counts comes from the plan)');
    const file = a['portal-model']
      ? await loadPortalModel(a['portal-model'])
      : a.plan !== undefined
        ? await modelFromPlan(a.plan, a.instances)
        : undefined;
    const model = portalOptionsFromFlags(a, { ...scenario.portal, ...file });
    const source = a['portal-model'] ?? a.plan;
    try {
      resolveOptions({ ...model, opensInMs: 0 });
    } catch (e) {
      if (!(e instanceof PortalOptionsError)) throw e;
      throw new UsageError(`${source ? `${source} or the flags: ` : ''}${asFlags(e)}`);
    }
    const mode = defaultMode(a, Boolean(process.stderr.isTTY));
    const say = (s: string) => mode !== 'quiet' && mode !== 'json' && process.stderr.write(s);
    const stops = stopSignals((s) => process.stderr.write(s));
    const out = resolve(a.out);
    const common = {
      target,
      seed,
      mode,
      stops,
      ...(a['max-concurrent'] !== undefined
        ? { maxConcurrent: wholeNumber(a['max-concurrent'], '--max-concurrent', 1) }
        : {}),
      ...(a['max-duration'] !== undefined ? { maxDurationMs: durationFlag(a['max-duration'], '--max-duration') } : {}),
      ...(a.samples !== 'none' ? { writeSamples: a.samples as 'all' | 'summary' } : {}),
      gzip: a.gzip,
      rttMs: a['rtt-ms'],
    };
    try {
      if (a['compare-designs']) {
        const { compareDesigns } = await import('../simulate-designs.js');
        const r = await compareDesigns({
          scenario,
          model,
          designs: a['compare-designs'],
          outDir: out,
          run: (s, m, dir) => simulateOne(s, m, dir, common, say),
        });
        if (a.json) process.stdout.write(JSON.stringify({ type: 'result', outDir: out, comparison: r.json }) + '\n');
        else
          process.stdout.write(
            `${r.table}\ncomparison: ${displayPath(r.markdown)}\nreport: ${displayPath(r.report)}\n`,
          );
      } else {
        const r = await simulateOne(scenario, model, out, common, say);
        if (a.json)
          process.stdout.write(
            JSON.stringify({
              type: 'result',
              outDir: r.outDir,
              status: r.manifest.status,
              events: r.events,
              wallMs: Math.round(r.wallMs),
            }) + '\n',
          );
        else
          process.stdout.write(
            `${resultLines(r).join('\n')}\nrun ${r.manifest.status}: ${displayPath(r.outDir)}\nnext: rehearse report ${displayPath(r.outDir)}\n`,
          );
        if (r.manifest.status === 'interrupted' && stops.soft.aborted) process.exitCode = EXIT.interrupted;
      }
    } finally {
      stops.dispose();
    }
  },
};

interface Common {
  target: TargetFile;
  seed: number;
  mode: ReturnType<typeof defaultMode>;
  stops: ReturnType<typeof stopSignals>;
  maxConcurrent?: number;
  maxDurationMs?: number;
  writeSamples?: 'all' | 'summary';
  gzip: boolean;
  rttMs: number;
}

async function simulateOne(
  scenario: Scenario,
  model: PortalOptions,
  outDir: string,
  c: Common,
  say: (s: string) => void,
): Promise<SimResult> {
  const { describeModel, modelOptions, runSim } = await import('../../engine/sim/run.js');
  const { simPopulation } = await import('../../population/generate.js');
  const printer = progressPrinter(c.mode, (s) => process.stderr.write(s));
  const opts = {
    scenario,
    ...simPopulation(scenario, c.seed),
    populationSize: scenario.population,
    target: c.target,
    baseUrl: '',
    outDir,
    seed: c.seed,
    portalModel: model,
    ...(c.writeSamples ? { writeSamples: c.writeSamples } : {}),
    gzip: c.gzip,
    rttMs: c.rttMs,
    onProgress: printer.onProgress,
    signal: c.stops.soft,
    hardSignal: c.stops.hard,
    ...(c.maxConcurrent !== undefined ? { maxConcurrent: c.maxConcurrent } : {}),
    ...(c.maxDurationMs !== undefined ? { maxDurationMs: c.maxDurationMs } : {}),
  };
  say(
    `simulating ${scenario.title}: ${scenario.population.toLocaleString('en')} candidates (scale ${scenario.knobs.scale}, time scale ${scenario.knobs.timeScale}) against ${describeModel(resolveOptions(modelOptions(opts)))}\n`,
  );
  const r = await runSim(opts);
  printer.done();
  // A run that measured its mapping rather than the portal says so, whatever the output mode (as `rehearse run`).
  for (const n of r.manifest.notes ?? []) if (n.startsWith('warning: ')) process.stderr.write(`${n}\n`);
  return r;
}

function resultLines(r: SimResult): string[] {
  const s = r.summary;
  const j = s.journeys;
  const lines = [
    `simulated ${r.events.toLocaleString('en')} events in ${(r.wallMs / 1000).toFixed(1)} s (${Math.round(r.events / (r.wallMs / 1000)).toLocaleString('en')} events/s): ${s.throughput.requests.toLocaleString('en')} requests over ${duration(s.durationMs)} of the scenario's time`,
  ];
  if (s.quota)
    lines.push(
      `accepted ${s.quota.accepted} of ${s.quota.size ?? '?'}; ${s.quota.fillTimeMs != null ? `quota filled ${(s.quota.fillTimeMs / 60_000).toFixed(1)} min after the opening` : 'quota not filled'}`,
    );
  if (j) {
    const o = j.outcomes as Record<string, number>;
    lines.push(
      `journeys: ${Object.entries(o)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
        .join(', ')}`,
    );
  }
  return lines;
}
