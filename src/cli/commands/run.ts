import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { displayPath, shellWord } from '../../util/display-path.js';
import { numberIn } from '../flag-numbers.js';
import { outputDir } from '../../util/output-path.js';
import { EXIT } from '../errors.js';
import { defaultMode, progressPrinter } from '../progress.js';
import { rehearsalFlags, type RunFlags, withRunOptions } from '../run-options.js';
import { stopSignals } from '../signals.js';

/** " (stopped by --max-duration 5000 ms)" when the engine noted why arrivals stopped early. */
function stopNote(notes: string[] | undefined): string {
  const n = notes?.find((x) => x.startsWith('stopped by '));
  return n ? ` (${n})` : '';
}

const DEFAULT_OUT = 'runs/latest';

interface RunArgs extends RunFlags {
  scenario: string;
  target?: string;
  'base-url'?: string;
  out: string;
  overwrite: boolean;
  quiet: boolean;
  json: boolean;
  'service-factor'?: number;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario>',
  describe: 'Rehearse a scenario against a portal and write a run directory (manifest.json + k6 NDJSON samples)',
  builder: (y) =>
    withRunOptions(
      y
        .positional('scenario', {
          type: 'string',
          demandOption: true,
          describe: 'Built-in scenario name (see `rehearse scenarios list`) or a scenario file (.ts or .json)',
        })
        .option('target', {
          type: 'string',
          describe: "Target file mapping the journey onto the portal's HTTP API (default: the reference portal's)",
        })
        .option('base-url', {
          type: 'string',
          describe:
            "Portal under test (default: the target file's baseUrl); with neither --target nor --base-url the reference portal is started on a free loopback port",
        })
        .option('out', {
          type: 'string',
          default: DEFAULT_OUT,
          describe:
            'Run directory to write; a run owns it while it runs (run.lock), and a second run into it is refused',
        })
        .option('overwrite', {
          type: 'boolean',
          default: false,
          describe: `Replace an earlier run in --out (its run files are removed first); ${DEFAULT_OUT}, the default, is always replaced`,
        })
        .option('service-factor', {
          type: 'number',
          describe: "Multiply the reference portal's service time (what-if: a 30 % slower release is 1.3)",
        }),
    )
      .example('$0 run launch-day', 'Rehearse the Québec quota opening (scaled down) against the reference portal')
      .example(
        '$0 run launch-day --target my-portal.json --base-url http://127.0.0.1:3000 --out runs/rc1',
        'Rehearse your own portal on loopback',
      )
      .example(
        '$0 run election-night --scale 0.01 --segment 0:1/2 --start-at 2026-11-23T20:00:00Z',
        'One of two processes sharing a run',
      ),
  handler: async (a) => {
    const flags = rehearsalFlags(a);
    // The reference portal's service time times this: above 1,000 a 30 ms request takes 30 s.
    if (a['service-factor'] !== undefined)
      numberIn(a['service-factor'], '--service-factor', {
        min: 0,
        max: 1000,
        why: 'a slowdown factor; 1.3 is 30 % slower',
      });
    const outDir = await outputDir(a.out, '--out');
    const { rehearse } = await import('../rehearsal.js');
    const mode = defaultMode(a, Boolean(process.stderr.isTTY));
    const printer = progressPrinter(mode, (s) => process.stderr.write(s));
    const stops = stopSignals((s) => process.stderr.write(s));
    try {
      const r = await rehearse({
        ...flags,
        scenario: a.scenario,
        outDir,
        // "latest" means the last run: replacing it is what the name promises. Any other
        // directory holding a run is kept unless the user asks (a baseline is precious).
        existing: a.overwrite || resolve(a.out) === resolve(DEFAULT_OUT) ? 'replace' : 'refuse',
        ...(a.target !== undefined ? { target: a.target } : {}),
        ...(a['base-url'] !== undefined ? { baseUrl: a['base-url'] } : {}),
        ...(a['service-factor'] !== undefined ? { serviceFactor: a['service-factor'] } : {}),
        onProgress: printer.onProgress,
        warn: (l) => process.stderr.write(l + '\n'),
        signal: stops.soft,
        hardSignal: stops.hard,
        log: (l) => mode !== 'quiet' && mode !== 'json' && process.stderr.write(l + '\n'),
      });
      printer.done();
      const m = r.run.manifest;
      // A run that measured its mapping rather than the portal says so, whatever the output mode.
      for (const n of m.notes ?? []) if (n.startsWith('warning: ')) process.stderr.write(`${n}\n`);
      if (a.json)
        process.stdout.write(JSON.stringify({ type: 'result', outDir: r.run.outDir, status: m.status }) + '\n');
      else
        process.stdout.write(
          `run ${m.status}${stopNote(m.notes)}: ${displayPath(r.run.outDir)}\nnext: rehearse analyze ${shellWord(displayPath(r.run.outDir))}\n`,
        );
      // An interrupted run is valid and analyzable, but a script must be able to tell. Exit 130
      // means a signal (as a shell reports Ctrl-C); a run cut by --max-duration did what was asked.
      if (m.status === 'interrupted' && stops.soft.aborted) process.exitCode = EXIT.interrupted;
    } finally {
      stops.dispose();
    }
  },
};
