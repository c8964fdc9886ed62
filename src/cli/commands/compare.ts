import type { Argv, CommandModule } from 'yargs';
import { FORMATS, type OutputFormat } from '../../compare/render/index.js';
import type { Comparison } from '../../compare/types.js';
import { GateFailed } from '../errors.js';

/** Options `check` and `compare` share: budget, statistics, outputs. */
export interface GateArgs {
  budget?: string;
  format: OutputFormat;
  markdown?: string;
  junit?: string;
  json?: string;
  alpha?: number;
  confidence?: number;
  resamples: number;
  seed: number;
  'step-summary': boolean;
}

export function withGateOptions<T>(y: Argv<T>): Argv<T & GateArgs> {
  return y
    .option('budget', {
      type: 'string',
      describe:
        'Budget file (JSON, schema: `rehearse check --budget-schema`) with the objectives to gate on. Without it: the scenario’s objectives (from the run’s manifest), and for compare also the default gate: p(50) and p(95) of successful responses may not grow more than 10 %, failures not more than 1 pp',
    })
    .option('format', {
      choices: FORMATS,
      default: 'table' as OutputFormat,
      describe: 'What to print on stdout: an aligned table, Markdown, JUnit XML or JSON',
    })
    .option('markdown', { type: 'string', describe: 'Also write Markdown to this file (a pull-request comment)' })
    .option('junit', { type: 'string', describe: 'Also write JUnit XML to this file: one test case per objective' })
    .option('json', {
      type: 'string',
      describe: 'Also write the comparison as JSON (what `rehearse report --comparison` reads)',
    })
    .option('alpha', { type: 'number', describe: 'Significance level of the tests (default 0.05, or the budget’s)' })
    .option('confidence', {
      type: 'number',
      describe: 'Confidence of the intervals of change (default 0.95, or the budget’s)',
    })
    .option('resamples', { type: 'number', default: 1000, describe: 'Bootstrap resamples per metric' })
    .option('seed', {
      type: 'number',
      default: 1,
      describe: 'Seed of the bootstrap draws: the same inputs and seed give the same output',
    })
    .option('step-summary', {
      type: 'boolean',
      default: true,
      describe: 'Append the Markdown to $GITHUB_STEP_SUMMARY when that variable is set (--no-step-summary to skip)',
    }) as Argv<T & GateArgs>;
}

interface CompareArgs extends GateArgs {
  base: string;
  candidate: string;
  defaults: boolean;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <base> <candidate>',
  describe:
    'Compare a candidate run (or set of runs) with a base: each metric’s change, its 95 % CI and a verdict; exit 1 when an objective fails',
  builder: (y) =>
    withGateOptions(
      y
        .positional('base', {
          type: 'string',
          demandOption: true,
          describe: "Base run directory, or several: comma-separated or a quoted glob ('runs/main-*')",
        })
        .positional('candidate', {
          type: 'string',
          demandOption: true,
          describe: 'Candidate run directory, or several, as for base',
        })
        .option('defaults', {
          type: 'boolean',
          default: true,
          describe:
            'Show the default metrics (latency percentiles, per-operation p95, failures, outcomes, quota, fairness) beside the budget’s; --no-defaults for the budget’s only',
        }),
    )
      .example(
        '$0 compare runs/main runs/pr-123',
        'One run a side: block bootstrap over time windows; by default fails on a significant +10 % in p50 or p95, or +1 pp of failures',
      )
      .example(
        "$0 compare 'runs/main-*' 'runs/pr-*' --budget budget.json",
        'Sets of runs (≥ 4 a side): Mann-Whitney U over per-run values, objectives from budget.json',
      )
      .example(
        '$0 compare baseline/ runs/latest --junit reports/perf.xml --markdown reports/perf.md',
        'CI: JUnit for the test tab, Markdown for a pull-request comment',
      )
      .epilogue(
        'Exit codes: 0 every objective met, 1 an objective failed (a significant regression beyond its budget), 2 usage or input error.',
      ),
  handler: async (a) => {
    const { loadBudget } = await import('../../compare/budget/load.js');
    const { compareRuns } = await import('../../compare/compare.js');
    const { expandRuns } = await import('../../compare/runs.js');
    const { unfinishedRunNotes } = await import('../../results/run-dir.js');
    const budget = a.budget !== undefined ? await loadBudget(a.budget) : undefined;
    const base = await expandRuns(a.base, 'base');
    const candidate = await expandRuns(a.candidate, 'candidate');
    for (const n of await unfinishedRunNotes([...base, ...candidate])) process.stderr.write(n + '\n');
    const c = await compareRuns({
      base,
      candidate,
      ...(budget ? { budget } : {}),
      defaults: a.defaults,
      ...(a.alpha !== undefined ? { alpha: a.alpha } : {}),
      ...(a.confidence !== undefined ? { confidence: a.confidence } : {}),
      resamples: a.resamples,
      seed: a.seed,
    });
    await emit(c, a);
  },
};

/** Prints, writes the requested files, and turns a failed gate into exit code 1. */
export async function emit(c: Comparison, a: GateArgs): Promise<void> {
  const { headline } = await import('../../compare/render/cells.js');
  const { writeOutputs } = await import('../../compare/write-outputs.js');
  const step = a['step-summary'] ? process.env.GITHUB_STEP_SUMMARY : undefined;
  const { stdout } = await writeOutputs(c, {
    format: a.format,
    ...(a.markdown ? { markdown: a.markdown } : {}),
    ...(a.junit ? { junit: a.junit } : {}),
    ...(a.json ? { json: a.json } : {}),
    ...(step ? { stepSummary: step } : {}),
  });
  process.stdout.write(stdout);
  if (!c.passed) throw new GateFailed(headline(c));
}
