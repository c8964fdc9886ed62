import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { assertAllowedTarget } from '../../util/loopback.js';
import { UsageError } from '../../util/usage-error.js';
import { seedFlag, wholeNumber } from '../flag-numbers.js';
import { outputDir } from '../../util/output-path.js';
import { shellWord } from '../../util/display-path.js';

interface ExportArgs {
  scenario: string;
  out: string;
  target?: string;
  'base-url'?: string;
  seed: number;
  scale?: number;
  'time-scale'?: number;
  k8s: boolean;
  'population-files'?: boolean;
  derive?: boolean;
  parallelism?: number;
  'instance-rate'?: number;
  'max-vus-per-pod'?: number;
  image: string;
  'allow-host': string[];
}

const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export <scenario>',
  describe:
    'Write a standalone k6 directory (script.js, README) that `k6 run` accepts with no toolkit installed; the script derives its candidates from the seed',
  builder: (y) =>
    y
      .positional('scenario', {
        type: 'string',
        demandOption: true,
        describe: 'Built-in scenario name or a scenario file (.ts or .json)',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'Directory to write (created if missing)' })
      .option('target', {
        type: 'string',
        describe: "Target file mapping the journey onto the portal's HTTP API (default: the reference portal's)",
      })
      .option('base-url', {
        type: 'string',
        describe:
          "Portal the script loads (default: the target's baseUrl); k6 run -e REHEARSAL_BASE_URL=… overrides it later",
      })
      .option('seed', {
        type: 'number',
        default: 1,
        describe:
          'Seed the script derives its candidates from (inside k6, with the generator rehearse run uses): same seed, same candidates',
      })
      .option('scale', { type: 'number', describe: "Fraction of the scenario's population (and quota), e.g. 0.01" })
      .option('time-scale', { type: 'number', describe: 'How many times faster than real time the day is replayed' })
      .option('population-files', {
        type: 'boolean',
        describe:
          'Always ship the candidates as population.json (ConfigMaps with --k8s). By default they are derived in the script unless files cost a k6 instance less memory (~11 kB a candidate against ~4.6 MB a VU): a small population beside many VUs',
      })
      .option('derive', {
        type: 'boolean',
        describe: 'Always derive the candidates in the script (no population file, whatever its size)',
      })
      .conflicts('derive', 'population-files')
      .option('k8s', {
        type: 'boolean',
        default: false,
        describe: 'Also write k6-operator manifests (TestRun, script ConfigMap, results volume) under DIR/k8s',
      })
      .option('parallelism', {
        type: 'number',
        describe:
          'With --k8s: pods sharing the run, each one execution segment (default: what the peak request rate needs, with ×1.5 headroom; a warning when yours is fewer)',
      })
      .option('instance-rate', {
        type: 'number',
        describe:
          'With --k8s: requests per second one k6 pod sustains with this script (default 500, from bench/k6.ts; measure yours with `npm run bench -- k6`)',
      })
      .option('max-vus-per-pod', {
        type: 'number',
        describe:
          'With --k8s: VUs one pod may run (default 1,000: ~4.7 GB at the measured 4.6 MB a VU when the script derives its candidates). A journey holds its VU for its whole length, waits included, so at time scale 1 the VUs, not the request rate, set the pods',
      })
      .option('image', {
        type: 'string',
        default: 'grafana/k6:latest',
        describe: 'With --k8s: runner image (pin it to the k6 version you test with)',
      })
      .option('allow-host', {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'Allow a --base-url outside loopback (only hosts you own)',
      })
      .example(
        '$0 k6 export launch-day --out k6/launch-day',
        'A directory to run with `k6 run k6/launch-day/script.js`',
      )
      .example(
        '$0 k6 export launch-day --out k6/ld --target my-portal.json --base-url http://127.0.0.1:3000 --seed 7',
        'Your own portal, another population',
      )
      .example(
        '$0 k6 export launch-day --scale 1 --time-scale 1 --out k6/full --k8s --parallelism 8 --base-url http://portal.staging.svc:8080 --allow-host portal.staging.svc',
        'The full day over 8 pods with the k6-operator',
      ),
  handler: async (a) => {
    const seed = seedFlag(a.seed);
    // One pod per execution segment; beyond 1,000 pods (MAX_PODS, sizing.ts) the k6-operator is not the tool.
    if (a.k8s && a.parallelism !== undefined)
      wholeNumber(a.parallelism, '--parallelism', 1, 1000, 'pods of one k6-operator TestRun');
    const outDir = await outputDir(a.out, '--out');
    const { exportK6, formatMb } = await import('../../engine/k6/index.js');
    const { loadScenario } = await import('../../scenario/load.js');
    const { loadTarget } = await import('../../target/load.js');
    const { REFERENCE_TARGET } = await import('../rehearsal.js');
    const { generatePopulation } = await import('../../population/generate.js');
    const scenario = await loadScenario(a.scenario, {
      ...(a.scale !== undefined ? { scale: a.scale } : {}),
      ...(a['time-scale'] !== undefined ? { timeScale: a['time-scale'] } : {}),
    });
    const target = await loadTarget(a.target ?? REFERENCE_TARGET);
    const baseUrl = a['base-url'] ?? target.baseUrl;
    if (!baseUrl)
      throw new UsageError(`${a.target ?? REFERENCE_TARGET}: baseUrl: the target names no portal; pass --base-url`);
    assertAllowedTarget(baseUrl, a['allow-host']);
    const r = await exportK6({
      outDir,
      scenario,
      target,
      baseUrl,
      allowHosts: a['allow-host'],
      seed,
      ...(a['population-files'] ? { population: generatePopulation(scenario, seed) } : {}),
      ...(a.derive ? { populationMode: 'derive' as const } : {}),
      ...(a.k8s
        ? {
            k8s: {
              image: a.image,
              ...(a.parallelism !== undefined ? { parallelism: a.parallelism } : {}),
              ...(a['instance-rate'] !== undefined ? { instanceRate: a['instance-rate'] } : {}),
              ...(a['max-vus-per-pod'] !== undefined ? { maxVusPerPod: a['max-vus-per-pod'] } : {}),
            },
          }
        : {}),
      command: `rehearse k6 export ${process.argv.slice(4).join(' ')}`.trim(),
    });
    const z = r.sizing;
    if (z?.warning) process.stderr.write(`warning: ${z.warning}\n`);
    if (r.populationNote) process.stderr.write(`note: ${r.populationNote}\n`);
    const sizing = z
      ? `peak ${Math.round(z.peakRequestsPerS)} requests/s (${z.peakArrivalsPerS.toFixed(1)} arrivals/s × ${z.requestsPerJourney}), ${z.peakConcurrency} journeys in flight: ${z.parallelism} pods (${z.needed} needed: ${z.neededForRate} for the rate at ${z.instanceRate} requests/s a pod ×1.5, ${z.neededForVus} for the VUs at ${z.maxVusPerPod} a pod), ~${z.vusPerPod} VUs and ~${formatMb(z.podMemoryMb)} of memory each\n`
      : '';
    process.stdout.write(
      `wrote ${r.outDir}: ${r.files.join(', ')}\n${r.population} candidates, ${r.preAllocatedVUs} VUs\n${sizing}next: k6 run --out json=samples.ndjson ${shellWord(resolve(r.outDir, 'script.js'))}\n`,
    );
  },
};

export const k6Command: CommandModule = {
  command: 'k6',
  describe: 'k6 tools: export a scenario as a standalone k6 script (and k6-operator manifests)',
  builder: (y: Argv) => y.command(exportCommand).demandCommand(1, 'Name a subcommand: export'),
  handler: () => {},
};
