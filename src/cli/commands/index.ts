import type { CommandModule } from 'yargs';
import { analyzeCommand } from './analyze.js';
import { checkCommand } from './check.js';
import { compareCommand } from './compare.js';
import { demoCommand } from './demo.js';
import { forecastCommand } from './forecast.js';
import { k6Command } from './k6.js';
import { planCommand } from './plan.js';
import { populationCommand } from './population.js';
import { portalCommand } from './portal.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { scenariosCommand } from './scenarios.js';
import { simulateCommand } from './simulate.js';
import { sweepCommand } from './sweep.js';
import { targetCommand } from './target.js';

/**
 * Every command the CLI knows, one module per file. Add a line per new verb.
 *
 * Keep start-up fast: this list is imported at every start (`rehearse --help` included),
 * and so is every module a command file imports at its top. So a command file imports at
 * its top only yargs' types, node: built-ins, the light helpers beside it (../errors,
 * ../progress, ../run-options, ../display-path, ../signals) and the constants its
 * builder needs for choices and defaults; everything its handler does is imported
 * inside the handler, when that command runs:
 *
 *   import type { CommandModule } from 'yargs';
 *   import type { Summary } from '../../analyze/summary.js';   // types cost nothing
 *
 *   export const fooCommand: CommandModule<object, FooArgs> = {
 *     command: 'foo <run>',
 *     describe: '…',
 *     builder: (y) => y.positional('run', { … }),
 *     handler: async (a) => {
 *       const { analyzeRun } = await import('../../analyze/index.js');
 *       …
 *     },
 *   };
 *
 * test/cli/startup.test.ts fails when `--help` loads vega, faker, fastify, esbuild, undici
 * or tsx; bench/startup.ts measures the time (`npx tsx bench/startup.ts`).
 */
// biome-ignore lint/suspicious/noExplicitAny: each command has its own argument type; yargs takes them all
export const commands: Array<CommandModule<any, any>> = [
  demoCommand,
  runCommand,
  simulateCommand,
  analyzeCommand,
  checkCommand,
  compareCommand,
  reportCommand,
  portalCommand,
  targetCommand,
  k6Command,
  populationCommand,
  scenariosCommand,
  sweepCommand,
  planCommand,
  forecastCommand,
];
