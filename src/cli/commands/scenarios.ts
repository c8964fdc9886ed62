import { writeFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';

interface ScenariosArgs {
  name?: string;
  scale?: number;
  'time-scale'?: number;
  out?: string;
}

const knobs = (a: ScenariosArgs) => ({
  ...(a.scale !== undefined ? { scale: a.scale } : {}),
  ...(a['time-scale'] !== undefined ? { timeScale: a['time-scale'] } : {}),
});

function withKnobs<T>(y: Argv<T>) {
  return y
    .option('scale', { type: 'number', describe: "Fraction of the scenario's population (and quota) sent, e.g. 0.01 (default: the scenario's)" })
    .option('time-scale', { type: 'number', describe: "How many times faster than real time the day is replayed (default: the scenario's)" });
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
        describe: 'Timeline, arrival-curve sparkline, peak arrival rate and peak concurrency (Little’s law) at the given knobs',
        builder: (b) =>
          withKnobs(b.positional('name', { type: 'string', demandOption: true, describe: 'Built-in name or a scenario file (.ts or .json)' })),
        handler: async (a) => {
          const { formatScenario } = await import('../../scenario/format.js');
          const { loadScenario } = await import('../../scenario/load.js');
          process.stdout.write(formatScenario(await loadScenario(a.name!, knobs(a))));
        },
      })
      .command<ScenariosArgs>({
        command: 'check <name>',
        describe: 'Validate a scenario file; every problem is listed, one line each (exit code 2)',
        builder: (b) => b.positional('name', { type: 'string', demandOption: true, describe: 'Scenario file (.ts or .json) or built-in name' }),
        handler: async (a) => {
          const { loadScenario } = await import('../../scenario/load.js');
          const s = await loadScenario(a.name!);
          process.stdout.write(`${a.name}: ok (${s.name}, ${s.population.toLocaleString('en-US')} candidates at default knobs)\n`);
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
      .example('$0 scenarios check ./my-day.json', 'Every mistake in your own scenario, one line each')
      .example('$0 scenarios schema --out scenarios/scenario.schema.json', 'Regenerate the JSON schema'),
  handler: () => {},
};
