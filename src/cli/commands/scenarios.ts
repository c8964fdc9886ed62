import { writeFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.js';

interface ScenariosArgs {
  name?: string;
  scale?: number;
  'time-scale'?: number;
  out?: string;
  run?: string;
  replay?: boolean;
  seed?: number;
}

const knobs = (a: ScenariosArgs) => ({
  ...(a.scale !== undefined ? { scale: a.scale } : {}),
  ...(a['time-scale'] !== undefined ? { timeScale: a['time-scale'] } : {}),
});

function withKnobs<T>(y: Argv<T>) {
  return y
    .option('scale', {
      type: 'number',
      describe: "Fraction of the scenario's population (and quota) sent, e.g. 0.01 (default: the scenario's)",
    })
    .option('time-scale', {
      type: 'number',
      describe: "How many times faster than real time the day is replayed (default: the scenario's)",
    });
}

/** The scenario rehearsed by the sim engine into a temporary run directory (removed after), its summary. */
async function replay(a: ScenariosArgs) {
  const { mkdtemp, readFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { rehearse } = await import('../rehearsal.js');
  const dir = await mkdtemp(join(tmpdir(), 'rehearse-replay-'));
  try {
    process.stderr.write(`replaying ${a.name} with the sim engine…\n`);
    await rehearse({ scenario: a.name!, engine: 'sim', seed: a.seed ?? 1, outDir: join(dir, 'run'), ...knobs(a) });
    return JSON.parse(await readFile(join(dir, 'run', 'summary.json'), 'utf8'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `rehearse scenarios list|show|check|schema`: what the built-in days are, and checking your own. */
export const scenariosCommand: CommandModule<object, ScenariosArgs> = {
  command: 'scenarios',
  describe: 'List, show, check the scenarios (built-in or your own .ts/.json) and print their JSON schema',
  builder: (y) =>
    y
      .command<ScenariosArgs>({
        command: 'list',
        describe: 'The built-in scenarios with their size at default knobs',
        builder: (b) => withKnobs(b),
        handler: async (a) => {
          const { formatScenarioList } = await import('../../scenario/format.js');
          const { builtinScenarioNames, loadScenario } = await import('../../scenario/load.js');
          const rows = [];
          for (const name of builtinScenarioNames()) rows.push({ name, scenario: await loadScenario(name, knobs(a)) });
          process.stdout.write(formatScenarioList(rows));
        },
      })
      .command<ScenariosArgs>({
        command: 'show <name>',
        describe:
          'Timeline, arrival curve, peak concurrency (Little’s law), how the default portal was calibrated, and the sourced facts beside a replay of them',
        builder: (b) =>
          withKnobs(
            b.positional('name', {
              type: 'string',
              demandOption: true,
              describe: 'Built-in name or a scenario file (.ts or .json)',
            }),
          )
            .option('run', {
              type: 'string',
              describe: 'A run of this scenario (directory or summary.json): its figures fill the fidelity table',
            })
            .option('replay', {
              type: 'boolean',
              default: false,
              describe:
                'Replay the scenario now with the sim engine at the given knobs (seconds) and fill the fidelity table with it',
            })
            .option('seed', { type: 'number', default: 1, describe: 'With --replay: the population seed' }),
        handler: async (a) => {
          if (a.run !== undefined && a.replay)
            throw new UsageError('--run and --replay: expected one of them (a run to read, or a replay to make now)');
          const { formatScenario } = await import('../../scenario/format.js');
          const { loadScenarioInput } = await import('../../scenario/load.js');
          const { normalize } = await import('../../scenario/normalize.js');
          const input = await loadScenarioInput(a.name!);
          process.stdout.write(formatScenario(normalize(input, knobs(a))));
          if (!input.fidelity?.length) return;
          const { fidelityText, fidelityRows, fidelityVerdict, fidelityNotReplayed } = await import(
            '../../report/fidelity.js'
          );
          const { fidelityContext } = await import('../fidelity.js');
          const summary =
            a.run !== undefined
              ? (await (await import('./report.js')).loadSummary(a.run)).summary
              : a.replay
                ? await replay(a)
                : undefined;
          const rows = fidelityRows(fidelityContext(input), summary);
          const where = a.run !== undefined ? `the run ${a.run}` : a.replay ? 'a sim replay just now' : null;
          process.stdout.write(
            `\nfidelity: sourced fact against ${where ?? 'a replay'} (real-day terms)\n${fidelityText(rows)}\n`,
          );
          process.stdout.write(
            where
              ? `  ${fidelityVerdict(rows)} (${where})\n`
              : `  replayed: add --replay (the sim engine, seconds) or --run DIR (a run of this scenario, e.g. \`rehearse run ${a.name}\`)\n`,
          );
          const { wrapWords } = await import('../../util/wrap-words.js');
          for (const note of fidelityNotReplayed(rows))
            process.stdout.write(
              `${wrapWords(note, 96)
                .map((l, i) => `${i === 0 ? '  ' : '      '}${l}`)
                .join('\n')}\n`,
            );
        },
      })
      .command<ScenariosArgs>({
        command: 'check <name>',
        describe: 'Validate a scenario file; every problem is listed, one line each (exit code 2)',
        builder: (b) =>
          b.positional('name', {
            type: 'string',
            demandOption: true,
            describe: 'Scenario file (.ts or .json) or built-in name',
          }),
        handler: async (a) => {
          const { loadScenario } = await import('../../scenario/load.js');
          const s = await loadScenario(a.name!);
          process.stdout.write(
            `${a.name}: ok (${s.name}, ${s.population.toLocaleString('en-US')} candidates at default knobs)\n`,
          );
        },
      })
      .command<ScenariosArgs>({
        command: 'schema',
        describe: 'Print (or write) the JSON schema for scenario files, generated from the zod schema',
        builder: (b) => b.option('out', { type: 'string', describe: 'Write to this file instead of standard output' }),
        handler: async (a) => {
          const { scenarioJsonSchema } = await import('../../scenario/schema.js');
          const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
          if (a.out) await writeFile(a.out, text);
          else process.stdout.write(text);
        },
      })
      .demandCommand(1, 'Name a subcommand: list, show NAME, check FILE or schema.')
      .example('$0 scenarios list', 'The four built-in days')
      .example('$0 scenarios show election-night --scale 0.01', 'About 2,000 visitors at once at the peak')
      .example('$0 scenarios show launch-day --time-scale 60', 'The 2016 quota opening replayed 60× faster')
      .example(
        '$0 scenarios show election-night --replay',
        'The sourced facts beside a replay of the night (sim engine, seconds)',
      )
      .example('$0 scenarios show election-night --run runs/latest', 'The sourced facts beside a run of the night')
      .example('$0 scenarios check ./my-day.json', 'Every mistake in your own scenario, one line each')
      .example('$0 scenarios schema --out scenarios/scenario.schema.json', 'Regenerate the JSON schema'),
  handler: () => {},
};
