import { fingerprintInputs } from '../../results/fingerprint.js';
import { unfinishedRunNotes } from '../../results/run-dir.js';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { SUMMARY_FORMATS, type SummaryFormat } from '../../analyze/format.js';
import type { Summary } from '../../analyze/summary.js';
import { DEFAULT_MAX_MALFORMED_SHARE } from '../../results/reader.js';
import { displayPath } from '../../util/display-path.js';
import { defaultMode, readProgressPrinter } from '../progress.js';
import { outputDir, writeOutput } from '../../util/output-path.js';
import { numberIn, wholeNumber } from '../flag-numbers.js';

interface AnalyzeArgs {
  run: string[];
  format: SummaryFormat;
  out?: string;
  quota?: number;
  'max-malformed': number;
  quiet: boolean;
  by?: string;
}

export const analyzeCommand: CommandModule<object, AnalyzeArgs> = {
  command: 'analyze <run..>',
  describe:
    'Reduce a run (a run directory, or k6 --out json / --out csv files, .gz too) to summary.json and a readable summary',
  builder: (y) =>
    y
      .positional('run', {
        type: 'string',
        array: true,
        demandOption: true,
        describe:
          'A run directory (with manifest.json) or k6 output files; several files of one run (segments, pods) are merged',
      })
      .option('format', {
        choices: SUMMARY_FORMATS,
        default: 'table' as SummaryFormat,
        describe: 'What to print: an aligned table, the summary JSON, or Markdown',
      })
      .option('out', {
        type: 'string',
        describe:
          'Directory to write summary.json into (default: beside the run: the run directory, or the first file’s directory)',
      })
      .option('quota', {
        type: 'number',
        describe:
          "Quota size (places available), overriding the manifest's; needed for plain k6 output of a quota opening",
      })
      .option('max-malformed', {
        type: 'number',
        default: DEFAULT_MAX_MALFORMED_SHARE,
        describe:
          'Share of lines that may be malformed (not k6 records) before the analysis fails with exit code 2; at least 10 lines are always tolerated',
      })
      .option('by', {
        type: 'string',
        describe:
          'Break requests, failures and latency (http_req_duration) down by this tag or sample-metadata key, e.g. name, group, status, scenario',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'Write summary.json but print nothing' })
      .example('$0 analyze runs/latest', 'Analyze a run directory; writes runs/latest/summary.json')
      .example('$0 analyze seg0.ndjson.gz seg1.ndjson.gz --out reports/rc1', 'Merge the files of a distributed run')
      .example('$0 analyze k6-results.json --quota 2800 --format md', 'Plain k6 output of your own script, as Markdown')
      .example('$0 analyze results.csv', 'k6 --out csv output')
      .example(
        '$0 analyze k6-results.json --by name',
        "Requests and latency per request name, beside k6's checks, groups and every metric",
      )
      .epilog(
        'Speed: JSON lines go through the native line scanner that `npm install` builds (native/k6-scan.cc; needs g++ and make), ' +
          'else through the JavaScript reader: the same summary.json byte for byte, about 1.7× slower; a run over 128 MiB is then read by two threads. REHEARSE_NATIVE=0 forces the JavaScript reader.',
      ),
  handler: async (a) => {
    if (a.quota !== undefined) wholeNumber(a.quota, '--quota', 1, Number.MAX_SAFE_INTEGER);
    numberIn(a['max-malformed'], '--max-malformed', { min: 0, max: 1, inclusive: true, what: 'a share' });
    // Checked before reading: a long analysis is not run only to find its output cannot be kept.
    const outDir = a.out !== undefined ? await outputDir(a.out, '--out') : undefined;
    const { analyzeRun, formatSummary } = await import('../../analyze/index.js');
    const { resolveInputs } = await import('../../results/read-inputs.js');
    const progress = readProgressPrinter(defaultMode({ quiet: a.quiet }, process.stderr.isTTY === true), (s) =>
      process.stderr.write(s),
    );
    const dir = outDir ?? (await resolveInputs(a.run)).runDir;
    // Taken before reading: a run still being written is then seen as changed later, and
    // its partial summary is recomputed rather than reported (src/results/fingerprint.ts).
    const fingerprint = await fingerprintInputs(a.run, dir);
    if (!a.quiet) for (const n of await unfinishedRunNotes(a.run)) process.stderr.write(n + '\n');
    let summary: Summary;
    try {
      summary = await analyzeRun(a.run, {
        ...(a.quota !== undefined ? { quota: a.quota } : {}),
        ...(a.by !== undefined ? { by: a.by } : {}),
        maxMalformedShare: a['max-malformed'],
        onProgress: progress.onProgress,
      });
    } finally {
      progress.done();
    }
    summary.source.fingerprint = fingerprint;
    const path = join(dir, 'summary.json');
    await writeOutput(
      path,
      formatSummary(summary, 'json'),
      outDir ? '--out' : '',
      outDir ? {} : { expected: 'a place you can write beside the run, or pass --out DIR' },
    );
    if (a.quiet) return;
    process.stdout.write(formatSummary(summary, a.format));
    if (a.format !== 'json') process.stderr.write(`summary: ${displayPath(path)}\n`);
  },
};
