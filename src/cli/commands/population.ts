import { open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { CommandModule } from 'yargs';
import { POPULATION_FORMATS, type PopulationFormat } from '../../population/write.js';
import { seedFlag } from '../flag-numbers.js';
import { openOutput } from '../../util/output-path.js';
import { DiskFull, isDiskFull, truncateToWholeLines } from '../../util/disk-full.js';

/**
 * After a write the disk stopped: whole lines only, and a JSON array closed again (its
 * records end in ",\n", so the last comma goes and "]" comes: fewer bytes than the
 * partial record cut off).
 */
async function keepWholeRecords(path: string, format: PopulationFormat): Promise<void> {
  const kept = await truncateToWholeLines(path).catch(() => undefined);
  if (format !== 'json' || kept === undefined) return;
  const fh = await open(path, 'r+');
  try {
    const tail = Buffer.alloc(2);
    await fh.read(tail, 0, 2, Math.max(0, kept - 2));
    const at = tail.toString() === ',\n' ? kept - 2 : kept;
    await fh.truncate(at);
    await fh.write(at <= 2 ? '[]\n' : '\n]\n', at <= 2 ? 0 : at);
  } catch {
    // no room even for the bracket: the lines are whole, the array unclosed
  } finally {
    await fh.close();
  }
}

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
      .positional('scenario', {
        type: 'string',
        demandOption: true,
        describe: 'Built-in scenario name or a scenario file (.ts or .json)',
      })
      .option('seed', {
        type: 'number',
        default: 1,
        describe: 'Same seed, same bytes; a different seed, a different population',
      })
      .option('out', { type: 'string', default: '-', describe: 'Output file; - for standard output' })
      .option('format', {
        choices: POPULATION_FORMATS,
        describe:
          'ndjson (one candidate per line), json (an array for k6 SharedArray) or csv (header row, for papaparse); default from --out’s extension, else ndjson',
      })
      .option('scale', {
        type: 'number',
        describe: "Fraction of the scenario's population generated (default: the scenario's)",
      })
      .option('time-scale', {
        type: 'number',
        describe: 'Arrival times compressed by this factor (default: the scenario’s)',
      })
      .example('$0 population launch-day --seed 7 --out pop.ndjson', '400 candidates for the demo, as NDJSON')
      .example('$0 population election-night --scale 0.01 --out pop.csv', 'CSV for a k6 script (papaparse)')
      .example(
        '$0 population ./my-day.json --format json --out pop.json',
        'Your own scenario, as a k6 SharedArray file',
      ),
  handler: async (a) => {
    const seed = seedFlag(a.seed);
    const { generatePopulation } = await import('../../population/generate.js');
    const { writePopulation } = await import('../../population/write.js');
    const { loadScenario } = await import('../../scenario/load.js');
    const scenario = await loadScenario(a.scenario, {
      ...(a.scale !== undefined ? { scale: a.scale } : {}),
      ...(a['time-scale'] !== undefined ? { timeScale: a['time-scale'] } : {}),
    });
    const format = formatFor(a.out, a.format);
    const toStdout = a.out === '-';
    const out = toStdout ? process.stdout : (await openOutput(a.out, '--out')).createWriteStream();
    let failure: unknown;
    out.on('error', (e) => (failure ??= e));
    let n = 0;
    try {
      // Generation stops at the first write error rather than producing into a dead stream.
      const population = (function* () {
        for (const c of generatePopulation(scenario, seed)) {
          if (failure) return;
          yield c;
        }
      })();
      n = await writePopulation(population, out, format);
      if (!toStdout) {
        out.end();
        await finished(out);
      }
    } catch (e) {
      failure ??= e;
    }
    if (failure !== undefined) {
      if (!isDiskFull(failure) || toStdout) throw failure;
      await keepWholeRecords(a.out, format);
      throw new DiskFull(
        `${a.out}: disk full (${(failure as NodeJS.ErrnoException).code}): stopped; the candidates written before are whole ${format} records; free some space or write elsewhere`,
      );
    }
    if (!toStdout) {
      process.stderr.write(
        `wrote ${n.toLocaleString('en-US')} candidates of ${scenario.name} (seed ${a.seed}) to ${a.out} as ${format}\n`,
      );
    }
  },
};
