import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { CommandModule } from 'yargs';
import { generatePopulation } from '../../population/generate.js';
import { POPULATION_FORMATS, type PopulationFormat, writePopulation } from '../../population/write.js';
import { loadScenario } from '../../scenario/load.js';
import { wholeNumber } from '../run-options.js';

interface PopulationArgs {
  scenario: string;
  seed: number;
  out: string;
  format?: PopulationFormat;
  scale?: number;
  'time-scale'?: number;
}

/** `.csv` → csv, `.json` → json, anything else → ndjson, unless --format says otherwise. */
function formatFor(out: string, flag?: PopulationFormat): PopulationFormat {
  if (flag) return flag;
  if (out.endsWith('.csv')) return 'csv';
  if (out.endsWith('.json')) return 'json';
  return 'ndjson';
}

export const populationCommand: CommandModule<object, PopulationArgs> = {
  command: 'population <scenario>',
  describe: "Generate a scenario's seeded population (streamed: memory does not grow with its size)",
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Built-in scenario name or a scenario file (.ts or .json)' })
      .option('seed', { type: 'number', default: 1, describe: 'Same seed, same bytes; a different seed, a different population' })
      .option('out', { type: 'string', default: '-', describe: 'Output file; - for standard output' })
      .option('format', {
        choices: POPULATION_FORMATS,
        describe: 'ndjson (one candidate per line), json (an array for k6 SharedArray) or csv (header row, for papaparse); default from --out’s extension, else ndjson',
      })
      .option('scale', { type: 'number', describe: "Fraction of the scenario's population generated (default: the scenario's)" })
      .option('time-scale', { type: 'number', describe: 'Arrival times compressed by this factor (default: the scenario’s)' })
      .example('$0 population launch-day --seed 7 --out pop.ndjson', '400 candidates for the demo, as NDJSON')
      .example('$0 population election-night --scale 0.01 --out pop.csv', 'CSV for a k6 script (papaparse)')
      .example('$0 population ./my-day.json --format json --out pop.json', 'Your own scenario, as a k6 SharedArray file'),
  handler: async (a) => {
    const seed = wholeNumber(a.seed, '--seed', 0);
    const scenario = await loadScenario(a.scenario, {
      ...(a.scale !== undefined ? { scale: a.scale } : {}),
      ...(a['time-scale'] !== undefined ? { timeScale: a['time-scale'] } : {}),
    });
    const format = formatFor(a.out, a.format);
    const toStdout = a.out === '-';
    const out = toStdout ? process.stdout : createWriteStream(a.out);
    const n = await writePopulation(generatePopulation(scenario, seed), out, format);
    if (!toStdout) {
      out.end();
      await finished(out);
      process.stderr.write(`wrote ${n.toLocaleString('en-US')} candidates of ${scenario.name} (seed ${a.seed}) to ${a.out} as ${format}\n`);
    }
  },
};
