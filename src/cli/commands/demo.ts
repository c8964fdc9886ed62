import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { displayPath } from '../../util/display-path.js';
import { EXIT } from '../errors.js';
import { defaultMode, progressPrinter } from '../progress.js';
import { rehearsalFlags, type RunFlags, withRunOptions } from '../run-options.js';
import { stopSignals } from '../signals.js';
import { outputDir } from '../../util/output-path.js';

interface DemoArgs extends RunFlags {
  scenario: string;
  out: string;
  quiet: boolean;
  json: boolean;
}

export const demoCommand: CommandModule<object, DemoArgs> = {
  command: 'demo',
  describe:
    'A complete rehearsal in one step: start the reference portal, rehearse the Québec quota opening scaled down, analyze, write a report',
  builder: (y) =>
    withRunOptions(y)
      .option('scenario', { type: 'string', default: 'launch-day', describe: 'Scenario to rehearse' })
      .option('out', {
        type: 'string',
        default: 'reports/demo',
        describe: 'Report directory (the run itself goes to OUT/run)',
      })
      .example('$0 demo', '400 candidates compete for 100 places; the report lands in reports/demo/index.html')
      .example('$0 demo --seed 7 --out /tmp/demo7', 'Another population, elsewhere'),
  handler: async (a) => {
    const flags = rehearsalFlags(a);
    const out = await outputDir(a.out, '--out');
    const { analyzeRun } = await import('../../analyze/index.js');
    const { writeReport } = await import('../../report/index.js');
    const { awardsPlaces } = await import('../../report/places.js');
    const { withRealDay } = await import('../../report/real-day.js');
    const { rehearse } = await import('../rehearsal.js');
    const mode = defaultMode(a, Boolean(process.stderr.isTTY));
    const say = (s: string) => mode !== 'quiet' && mode !== 'json' && process.stderr.write(s);
    const printer = progressPrinter(mode, (s) => process.stderr.write(s));
    const stops = stopSignals((s) => process.stderr.write(s));
    try {
      const r = await rehearse({
        ...flags,
        scenario: a.scenario,
        outDir: join(out, 'run'),
        // OUT/run is the demo's own: a second demo replaces it (and is refused while one runs).
        existing: 'replace',
        onProgress: printer.onProgress,
        warn: (l) => process.stderr.write(l + '\n'),
        signal: stops.soft,
        hardSignal: stops.hard,
        log: (l) => say(l + '\n'),
      });
      printer.done();
      say(
        `rehearsed ${r.scenario.title}: ${r.scenario.population} candidates` +
          (r.scenario.portal.quota !== undefined ? `, quota ${r.scenario.portal.quota}` : '') +
          '\n',
      );
      const summary = await analyzeRun([r.run.outDir]);
      const { fidelityForRun } = await import('../fidelity.js');
      const { fidelityVerdict } = await import('../../report/fidelity.js');
      const fidelity = await fidelityForRun(summary);
      const report = await writeReport({ summary, outDir: out, title: r.scenario.title, fidelity });
      const portalAccepted = (r.portal?.stats as { accepted?: number } | undefined)?.accepted;
      const lines = [
        // A day without places (election-night, status-tracker, eoi-draw) has no quota to report on.
        ...(awardsPlaces(summary)
          ? [
              `accepted ${summary.quota?.accepted ?? 0}` +
                (summary.quota?.size != null ? ` of ${summary.quota.size}` : '') +
                (portalAccepted !== undefined ? ` (portal's own count: ${portalAccepted})` : ''),
              summary.quota?.fillTimeMs != null
                ? `quota filled ${withRealDay(summary.quota.fillTimeMs, summary)} after opening`
                : 'quota not filled',
            ]
          : [
              `completed ${summary.journeys?.outcomes.completed ?? 0} of ${summary.journeys?.candidates ?? 0} journeys`,
            ]),
        ...(fidelity ? [fidelityVerdict(fidelity)] : []),
        `report: ${displayPath(report.index)}`,
      ];
      if (a.json)
        process.stdout.write(
          JSON.stringify({ type: 'result', report: report.index, summary: join(out, 'summary.json') }) + '\n',
        );
      else process.stdout.write(lines.join('\n') + '\n');
      // An interrupted rehearsal is still analyzed and reported, but a script must be able to tell.
      if (r.run.manifest.status === 'interrupted' && stops.soft.aborted) process.exitCode = EXIT.interrupted;
    } finally {
      stops.dispose();
    }
  },
};
