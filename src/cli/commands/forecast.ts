import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { displayPath } from '../../util/display-path.js';
import { UsageError } from '../errors.js';
import { wholeNumber } from '../flag-numbers.js';

interface ForecastArgs {
  scenario: string;
  capacity?: string;
  plan?: string;
  instances?: number;
  scale?: number;
  'time-scale'?: number;
  runs: number;
  seed: number;
  format: 'table' | 'json';
  out?: string;
}

export const forecastCommand: CommandModule<object, ForecastArgs> = {
  command: 'forecast <scenario>',
  describe:
    "Forecast a scenario's day at a capacity: attempts over time, retry amplification, turned away, quota fill time, waiting-room waits, bistability",
  builder: (y) =>
    y
      .positional('scenario', {
        type: 'string',
        demandOption: true,
        describe: 'Built-in scenario name or scenario file',
      })
      .option('capacity', {
        type: 'string',
        describe:
          "Requests per second the portal serves, e.g. 400/s (default: the scenario's reference portal, workers ÷ service time)",
      })
      .option('plan', {
        type: 'string',
        describe: 'A plan.json from `rehearse plan`: capacity per instance × --instances',
      })
      .option('instances', {
        type: 'number',
        describe: "Instances with --plan (default: the plan's own count for its peak)",
      })
      .option('scale', {
        type: 'number',
        describe: "Fraction of the scenario's population (and quota), as for `rehearse run`",
      })
      .option('time-scale', {
        type: 'number',
        describe: 'How many times faster than real time, as for `rehearse run` (1 = the real day)',
      })
      .option('runs', { type: 'number', default: 100, describe: 'Monte Carlo runs for the bands' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed of the Monte Carlo draws' })
      .option('format', { choices: ['table', 'json'] as const, default: 'table' as const, describe: 'What to print' })
      .option('out', { type: 'string', describe: 'Directory for forecast.json and forecast.svg' })
      .conflicts('capacity', 'plan')
      .example(
        '$0 forecast launch-day',
        'The Québec opening as rehearsed by `rehearse run launch-day` (same scale and time scale)',
      )
      .example(
        '$0 forecast election-night --scale 1 --time-scale 1 --plan runs/sweep/plan.json',
        'The real election night with the planned instances',
      )
      .epilog(
        'A fluid (mean-flow) retrial model: see docs/capacity-planning.md for what it assumes and where it stops being trustworthy.',
      ),
  handler: async (a) => {
    const { forecastChart } = await import('../../plan/forecast/chart.js');
    const { forecastDay } = await import('../../plan/forecast/forecast.js');
    const { formatForecast } = await import('../../plan/forecast/format.js');
    const { planInstances, readPlan } = await import('../../plan/read-plan.js');
    const { specToSvg } = await import('../../report/render.js');
    const { loadScenario } = await import('../../scenario/load.js');
    const s = await loadScenario(a.scenario, {
      ...(a.scale !== undefined ? { scale: a.scale } : {}),
      ...(a['time-scale'] !== undefined ? { timeScale: a['time-scale'] } : {}),
    });
    let capacity = (s.portal.workers * 1000) / s.portal.serviceMs;
    let source = `the scenario's reference portal: ${s.portal.workers} workers × ${s.portal.serviceMs} ms`;
    let range: [number, number] | undefined;
    if (a.capacity !== undefined) {
      const m = /^\s*(\d+(?:\.\d+)?)\s*(\/s)?\s*$/.exec(a.capacity);
      if (!m || !(Number(m[1]) > 0))
        throw new UsageError(`--capacity: expected requests per second like 400/s, got "${a.capacity}"`);
      capacity = Number(m[1]);
      source = '--capacity';
    } else if (a.plan !== undefined) {
      const plan = await readPlan(a.plan);
      const n = planInstances(plan, a.instances !== undefined ? wholeNumber(a.instances, '--instances', 1) : undefined);
      capacity = plan.capacity.perInstance * n;
      source = `${a.plan}: ${n} × ${plan.capacity.perInstance.toFixed(1)}/s`;
      const u = plan.usl;
      if (u.xMax && u.xMaxInterval.low !== null && u.xMaxInterval.high !== null)
        range = [capacity * (u.xMaxInterval.low / u.xMax), capacity * (u.xMaxInterval.high / u.xMax)];
    }
    const f = forecastDay(s, {
      capacityPerSec: capacity,
      source,
      runs: wholeNumber(a.runs, '--runs', 1),
      seed: wholeNumber(a.seed, '--seed', 0),
      ...(range ? { capacityRange: range } : {}),
    });
    if (a.out !== undefined) {
      const dir = resolve(a.out);
      await mkdir(dir, { recursive: true });
      await writeFile(
        join(dir, 'forecast.json'),
        JSON.stringify({ $schema: 'https://launch-rehearsal.dev/forecast.schema.json', ...f }, null, 2) + '\n',
      );
      const spec = forecastChart(f);
      await writeFile(join(dir, 'forecast.vl.json'), JSON.stringify(spec, null, 2) + '\n');
      await writeFile(join(dir, 'forecast.svg'), (await specToSvg(spec)).svg);
      process.stderr.write(`forecast: ${displayPath(join(dir, 'forecast.json'))}\n`);
    }
    process.stdout.write(a.format === 'json' ? JSON.stringify(f, null, 2) + '\n' : formatForecast(f));
  },
};
