import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { analyzeRun } from '../../analyze/index.js';
import { SUMMARY_VERSION, type Summary } from '../../analyze/summary.js';
import { writeReport } from '../../report/index.js';
import { UsageError } from '../errors.js';

interface ReportArgs {
  run: string;
  vs?: string;
  comparison?: string;
  out?: string;
  title?: string;
  quiet: boolean;
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${path}: expected a JSON file (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
}

function asSummary(x: unknown, path: string): Summary {
  const o = x as Partial<Summary> | null;
  if (typeof o !== 'object' || o === null || !('throughput' in o) || !('timeline' in o)) throw new UsageError(`${path}: expected a summary.json written by \`rehearse analyze\``);
  if (o.version !== SUMMARY_VERSION) throw new UsageError(`${path}: version: expected ${SUMMARY_VERSION}, got ${String(o.version)}; re-run \`rehearse analyze\` on the run`);
  return o as Summary;
}

/**
 * A run as given on the command line: a summary.json, a directory holding one, or
 * anything `rehearse analyze` reads (a run directory, k6 output files), analyzed now.
 */
export async function loadSummary(input: string): Promise<{ summary: Summary; name: string }> {
  const path = resolve(input);
  const st = await stat(path).catch(() => {
    throw new UsageError(`${input}: no such file or directory; expected a run directory or a summary.json`);
  });
  if (st.isDirectory()) {
    const inDir = join(path, 'summary.json');
    const has = await stat(inDir).then((s) => s.isFile(), () => false);
    return { summary: has ? asSummary(await readJson(inDir), inDir) : await analyzeRun([path]), name: basename(path) };
  }
  if (basename(path) === 'summary.json') return { summary: asSummary(await readJson(path), input), name: basename(dirname(path)) };
  return { summary: await analyzeRun([path]), name: basename(path).replace(/\.(ndjson|json|csv)(\.gz)?$/, '') };
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <run>',
  describe: 'Write the report of a run: index.html (self-contained, charts and narrative), summary.md, and each chart as .vl.json, .svg and .png',
  builder: (y) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'A run directory, a summary.json, or k6 output (analyzed on the fly when there is no summary.json)' })
      .option('vs', { type: 'string', describe: 'A baseline run (same forms as RUN) drawn beside this one in every chart, with a comparison of the key figures' })
      .option('comparison', { type: 'string', describe: 'A comparison JSON (from `rehearse compare --format json`) to show as the verdict table' })
      .option('out', { type: 'string', describe: 'Directory to write into (default: reports/<run name>, or reports/<run>-vs-<base>)' })
      .option('title', { type: 'string', describe: 'Page title (default: "Rehearsal: <scenario>")' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing' })
      .example('$0 report runs/latest', 'Report one run into reports/latest/')
      .example('$0 report runs/after --vs runs/before --out reports/pr-123', 'Overlay a baseline in every chart')
      .example('$0 report k6-results.json', 'Report plain k6 output (charts that need journeys say so)'),
  handler: async (a) => {
    const run = await loadSummary(a.run);
    const base = a.vs !== undefined ? await loadSummary(a.vs) : undefined;
    const comparison = a.comparison !== undefined ? await readJson(resolve(a.comparison)) : undefined;
    const out = resolve(a.out ?? join('reports', base ? `${run.name}-vs-${base.name}` : run.name));
    const sameName = base !== undefined && base.name === run.name;
    const r = await writeReport({
      summary: run.summary,
      outDir: out,
      ...(base ? { baseline: base.summary, baselineLabel: sameName ? 'baseline' : base.name, label: sameName ? 'this run' : run.name } : {}),
      ...(comparison !== undefined ? { comparison } : {}),
      ...(a.title !== undefined ? { title: a.title } : {}),
    });
    if (a.quiet) return;
    for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
    process.stdout.write(`report: ${relative(process.cwd(), r.index) || r.index}\n`);
  },
};
