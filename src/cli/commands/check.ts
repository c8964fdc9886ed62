import type { CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { emit, withGateOptions, type GateArgs } from './compare.js';

interface CheckArgs extends GateArgs {
  run?: string;
  'budget-schema': boolean;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check [run]',
  describe: 'Check absolute objectives (k6 thresholds, quota fill time, fairness…) on one run; exit 1 when one fails',
  builder: (y) =>
    withGateOptions(
      y
        .positional('run', { type: 'string', describe: 'Run directory (with manifest.json) or a k6 output file' })
        .option('budget-schema', {
          type: 'boolean',
          default: false,
          describe: 'Print the budget file’s JSON Schema and exit',
        }),
    )
      .example('$0 check runs/latest', "Check the objectives of the run's scenario (from its manifest)")
      .example(
        '$0 check runs/latest --budget budget.json --junit reports/objectives.xml',
        'Objectives from a budget file, JUnit for CI',
      )
      .example(
        '$0 check k6-results.json --budget budget.json',
        'Plain k6 output of your own script; the budget may name its custom metrics in k6 threshold syntax (form_ok: rate>0.9, server_ms: p(95)<200), judged on the numbers k6 gives',
      )
      .epilogue(
        'Exit codes: 0 every objective met, 1 an objective failed, 2 usage or input error. Objectives with no samples are reported as NO DATA and do not fail.',
      ),
  handler: async (a) => {
    if (a['budget-schema']) {
      const { budgetJsonSchema } = await import('../../compare/budget/schema.js');
      process.stdout.write(JSON.stringify(budgetJsonSchema(), null, 2) + '\n');
      return;
    }
    if (!a.run)
      throw new UsageError('check: expected a run directory or k6 output file (rehearse check RUN --budget FILE)');
    const { loadBudget } = await import('../../compare/budget/load.js');
    const { checkRun } = await import('../../compare/check.js');
    const budget = a.budget !== undefined ? await loadBudget(a.budget) : undefined;
    const c = await checkRun({
      run: a.run,
      ...(budget ? { budget } : {}),
      ...(a.alpha !== undefined ? { alpha: a.alpha } : {}),
      ...(a.confidence !== undefined ? { confidence: a.confidence } : {}),
      resamples: a.resamples,
      seed: a.seed,
    });
    await emit(c, a);
  },
};
