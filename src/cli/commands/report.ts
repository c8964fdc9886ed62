import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { SUMMARY_VERSION, type Summary } from '../../analyze/summary.js';
import { staleReason } from '../../results/fingerprint.js';
import { displayPath } from '../../util/display-path.js';
import { UsageError } from '../errors.js';
import { outputDir } from '../../util/output-path.js';

interface ReportArgs {
  run: string;
  vs?: string;
  comparison?: string;
  compare: boolean;
  out?: string;
  title?: string;
  quiet: boolean;
  by?: string;
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new UsageError(
      `${path}: expected a JSON file (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    );
  }
}

function asSummary(x: unknown, path: string): Summary {
  const o = x as Partial<Summary> | null;
  if (typeof o !== 'object' || o === null || !('throughput' in o) || !('timeline' in o))
    throw new UsageError(`${path}: expected a summary.json written by \`rehearse analyze\``);
  if (o.version !== SUMMARY_VERSION)
    throw new UsageError(
      `${path}: version: expected ${SUMMARY_VERSION}, got ${String(o.version)}; re-run \`rehearse analyze\` on the run`,
    );
  return o as Summary;
}

/**
 * summary.json if it still describes the run beside it; else undefined, and a note saying
 * why it is recomputed. One without a run beside it (copied into a report directory, or
 * written with --out) is taken as given.
 */
async function currentSummary(path: string, shown: string): Promise<Summary | undefined> {
  const summary = asSummary(await readJson(path), shown);
  if (
    !(await stat(join(dirname(path), 'manifest.json')).then(
      () => true,
      () => false,
    ))
  )
    return summary;
  // A simulated run without samples has nothing else to be computed from: its summary is the run.
  if (summary.source.engine === 'sim' && summary.source.files.length === 0) return summary;
  const stale = await staleReason(summary.source.fingerprint, dirname(path));
  if (stale === undefined) return summary;
  process.stderr.write(`note: ${displayPath(path)} is out of date (${stale}): analyzing the run afresh\n`);
  return undefined;
}

/**
 * A run as given on the command line: a summary.json, a directory holding one, or
 * anything `rehearse analyze` reads (a run directory, k6 output files), analyzed now.
 * `reportDir` is where its report goes by default: beside the run (RUN/report, or
 * FILE-report next to a k6 output file), never under the working directory.
 */
export async function loadSummary(
  input: string,
  by?: string,
): Promise<{ summary: Summary; name: string; reportDir: string }> {
  const opts = by !== undefined ? { by } : {};
  const { analyzeRun } = await import('../../analyze/index.js');
  const path = resolve(input);
  const st = await stat(path).catch(() => {
    throw new UsageError(`${input}: no such file or directory; expected a run directory or a summary.json`);
  });
  if (st.isDirectory()) {
    const inDir = join(path, 'summary.json');
    const has = await stat(inDir).then(
      (s) => s.isFile(),
      () => false,
    );
    const current = has && by === undefined ? await currentSummary(inDir, inDir) : undefined;
    return {
      summary: current ?? (await analyzeRun([path], opts)),
      name: basename(path),
      reportDir: join(path, 'report'),
    };
  }
  if (basename(path) === 'summary.json') {
    return {
      summary: (await currentSummary(path, input)) ?? (await analyzeRun([dirname(path)], opts)),
      name: basename(dirname(path)),
      reportDir: join(dirname(path), 'report'),
    };
  }
  const name = basename(path).replace(/\.(ndjson|json|csv)(\.gz)?$/, '');
  return { summary: await analyzeRun([path], opts), name, reportDir: join(dirname(path), `${name}-report`) };
}

/**
 * The comparison `rehearse compare BASE RUN` would print. It needs the recordings
 * (a summary.json alone is not enough for its statistics), so when it cannot be
 * computed the report is still written, with the figures side by side and a note.
 */
async function tryCompare(base: string, run: string, quiet: boolean): Promise<unknown> {
  const { compareRuns } = await import('../../compare/compare.js');
  try {
    return await compareRuns({ base: [base], candidate: [run] });
  } catch (e) {
    if (!quiet)
      process.stderr.write(
        `note: no comparison table (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); pass --comparison FILE from \`rehearse compare --json FILE\`\n`,
      );
    return undefined;
  }
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <run>',
  describe:
    'Write the report of a run: index.html (self-contained, charts and narrative), summary.md, and each chart as .vl.json, .svg and .png',
  builder: (y) =>
    y
      .positional('run', {
        type: 'string',
        demandOption: true,
        describe: 'A run directory, a summary.json, or k6 output (analyzed on the fly when there is no summary.json)',
      })
      .option('vs', {
        type: 'string',
        describe:
          'A baseline run (same forms as RUN) drawn beside this one in every chart, with a comparison of the key figures',
      })
      .option('comparison', {
        type: 'string',
        describe:
          'A comparison JSON written by `rehearse compare --json FILE`, shown as the verdict table (instead of computing one)',
      })
      .option('compare', {
        type: 'boolean',
        default: true,
        describe:
          "With --vs, compute the comparison table as `rehearse compare` does (statistics, verdicts, the scenario's objectives); --no-compare to skip",
      })
      .option('out', {
        type: 'string',
        describe:
          'Directory to write into (default: beside the run: RUN/report for a run directory or its summary.json, FILE-report for a k6 output file; with --vs, …-vs-<base name>)',
      })
      .option('title', { type: 'string', describe: 'Page title (default: "Rehearsal: <scenario>")' })
      .option('by', {
        type: 'string',
        describe:
          'Analyze the run again with a breakdown of requests and latency by this tag or metadata key (rehearse analyze --by), shown as a table',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing' })
      .example('$0 report runs/latest', 'Report one run into runs/latest/report/ (the path is printed)')
      .example(
        '$0 report runs/after --vs runs/before --out reports/pr-123',
        'Overlay a baseline in every chart, with the comparison table and verdicts',
      )
      .example(
        '$0 report runs/after --vs runs/before --comparison cmp.json',
        'Show a comparison already computed by `rehearse compare runs/before runs/after --json cmp.json`',
      )
      .example(
        '$0 report k6-results.json',
        'Report plain k6 output into k6-results-report/ beside it (charts that need journeys say so)',
      ),
  handler: async (a) => {
    const requested = a.out !== undefined ? await outputDir(a.out, '--out') : undefined;
    const run = await loadSummary(a.run, a.by);
    const { writeReport } = await import('../../report/index.js');
    const { fidelityForRun } = await import('../fidelity.js');
    const base = a.vs !== undefined ? await loadSummary(a.vs) : undefined;
    const comparison =
      a.comparison !== undefined
        ? await readJson(resolve(a.comparison))
        : a.vs !== undefined && a.compare
          ? await tryCompare(a.vs, a.run, a.quiet)
          : undefined;
    const out = requested ?? resolve(base ? `${run.reportDir}-vs-${base.name}` : run.reportDir);
    const sameName = base !== undefined && base.name === run.name;
    const r = await writeReport({
      summary: run.summary,
      outDir: out,
      ...(base
        ? {
            baseline: base.summary,
            baselineLabel: sameName ? 'baseline' : base.name,
            label: sameName ? 'this run' : run.name,
          }
        : {}),
      ...(comparison !== undefined ? { comparison } : {}),
      ...(a.title !== undefined ? { title: a.title } : {}),
      fidelity: await fidelityForRun(run.summary),
    });
    if (a.quiet) return;
    for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
    process.stdout.write(`report: ${displayPath(r.index)}\n`);
  },
};
