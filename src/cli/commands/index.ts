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

/** Every command the CLI knows, one module per file. Add a line per new verb. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
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
