import type { Scenario } from '../../scenario/types.js';
import { type ClusterSizing, formatMb, HEADROOM } from './sizing.js';

/** The README of an exported k6 directory: what is in it and every way to run it. */
export interface ReadmeInput {
  scenario: Scenario;
  target: string;
  baseUrl: string;
  seed: number;
  population: number;
  populationFiles: string[];
  vus: number;
  k8s: { sizing: ClusterSizing; name: string } | undefined;
  command: string | undefined;
}

export function exportReadme(r: ReadmeInput): string {
  const s = r.scenario;
  const lines = [
    `# ${s.title} — k6 export`,
    '',
    `Scenario \`${s.name}\` (scale ${s.knobs.scale}, time scale ${s.knobs.timeScale}), seed ${r.seed}: ${r.population} candidates against target \`${r.target}\` at ${r.baseUrl}.`,
    ...(r.command ? ['', `Made with \`${r.command}\`.`] : []),
    '',
    '| file | what |',
    '|---|---|',
    '| `script.js` | one k6 script: the journey state machine, the target mapping and the options (ramping-arrival-rate stages following the arrival curve, VUs, thresholds) |',
    ...r.populationFiles.map(
      (f) => `| \`${f}\` | candidates, read once through \`SharedArray\`; iteration *n* runs candidate *n* |`,
    ),
    ...(r.k8s
      ? [
          `| \`k8s/\` | k6-operator \`TestRun\`, a ConfigMap for the script${r.populationFiles.length > 0 ? ' and ConfigMaps for the population' : ''}, a results volume and a collector pod |`,
        ]
      : []),
    ...(r.populationFiles.length === 0
      ? [
          '',
          `No population file: the script derives candidate *n* for iteration *n* from seed ${r.seed} with the toolkit's own generator (Faker included), the same candidates \`rehearse population\` writes, so a k6 instance's memory and start-up do not grow with the population; each VU holds the generator instead (about 4.6 MB a VU, measured with k6 v1.3.0). \`rehearse k6 export --population-files\` ships the candidates as data instead (the default when that is lighter).`,
        ]
      : []),
    '',
    '## Run it',
    '',
    'Start the portal under test, then:',
    '',
    '```sh',
    'k6 run --out json=samples.ndjson script.js',
    '```',
    '',
    `k6 pre-allocates ${r.vus} VUs (Little's law: arrivals × longest journey). k6 paces the arrivals: candidate *n* arrives when k6 starts iteration *n*, whose stages follow the scenario's arrival curve; time zero (the opening) is the scenario's pre-opening window after k6's schedule starts.`,
    '',
    'Environment variables (`k6 run -e NAME=value …`):',
    '',
    '- `REHEARSAL_BASE_URL` — another address for the portal under test.',
    '- `REHEARSAL_POPULATION` — your own population file(s) (JSON arrays of candidates), comma-separated, in arrival order: iteration *n* runs candidate *n* of them instead.',
    '- `REHEARSAL_OPENING_EPOCH_MS` — a shared time zero (epoch ms) so several processes line up; each waits for it in `setup()`.',
    '',
    'Analyze with the toolkit (it reads k6 `--out json` files and merges several):',
    '',
    '```sh',
    'rehearse analyze samples.ndjson',
    '```',
    '',
    '## Split over several machines',
    '',
    'Each process runs a share of the iterations (never the same candidate twice); every process must pass the same sequence:',
    '',
    '```sh',
    'T0=$(( $(date +%s%3N) + 30000 ))   # one time zero for all, 30 s from now',
    'k6 run --execution-segment 0:1/2 --execution-segment-sequence 0,1/2,1 -e REHEARSAL_OPENING_EPOCH_MS=$T0 --out json=a.ndjson script.js',
    'k6 run --execution-segment 1/2:1 --execution-segment-sequence 0,1/2,1 -e REHEARSAL_OPENING_EPOCH_MS=$T0 --out json=b.ndjson script.js',
    'rehearse analyze a.ndjson b.ndjson',
    '```',
  ];
  if (r.k8s) {
    const n = r.k8s.name;
    const z = r.k8s.sizing;
    const p = z.parallelism;
    lines.push(
      '',
      `## Kubernetes (k6-operator, ${p} pods)`,
      '',
      `Sizing: at its peak the scenario starts ${z.peakArrivalsPerS.toFixed(1)} journeys per second, each up to ${z.requestsPerJourney} requests (retries add more): ${Math.round(z.peakRequestsPerS)} requests per second, ${z.peakConcurrency} journeys in flight. One k6 instance carries about ${z.instanceRate} requests per second (\`--instance-rate\`; measure yours with \`npm run bench -- k6\` on the pods' hardware), so with ×${HEADROOM} headroom the rate needs ${pods(z.neededForRate)}. A journey holds its VU for its whole length, waits between retries included, so the run pre-allocates ${r.vus} VUs; at most ${z.maxVusPerPod} a pod (\`--max-vus-per-pod\`) they need ${pods(z.neededForVus)}. So the run needs ${pods(z.needed)}; ${p === z.needed ? 'that is what the TestRun asks for' : `the TestRun asks for ${p} (--parallelism)`}. Each pod pre-allocates about ${z.vusPerPod} VUs: give it about ${formatMb(z.podMemoryMb)} of memory (measured: ${r.populationFiles.length > 0 ? 'the population files it loads and about 0.5 MB a VU' : '4.6 MB a VU that derives its candidates'}, plus 64 MB).`,
      ...(z.warning ? ['', `**Warning:** ${z.warning}.`] : []),
      '',
      `The operator gives pod *i* the execution segment i/${p}:(i+1)/${p} and starts all pods together; each writes \`/results/samples-<pod>.ndjson\` on a shared volume (its storage class must allow ReadWriteMany). Set \`REHEARSAL_BASE_URL\` in \`k8s/20-testrun.yaml\` to the portal as the pods see it, and pin the runner image to your k6 version.`,
      '',
      '```sh',
      '# ConfigMaps over 256 KiB need server-side apply (client-side apply keeps a copy in an annotation)',
      'kubectl apply --server-side -f k8s/',
      `kubectl wait --for=jsonpath='{.status.stage}'=finished testrun/${n} --timeout=24h`,
      `kubectl wait --for=condition=Ready pod/${n}-collector`,
      `kubectl cp ${n}-collector:/results ./results`,
      'rehearse analyze results/*.ndjson',
      `kubectl delete -f k8s/`,
      '```',
      '',
      `Re-running: delete the TestRun first (\`kubectl delete testrun ${n}\`) and empty the volume, or the new files sit beside the old ones.`,
    );
  }
  return lines.join('\n') + '\n';
}

const pods = (n: number) => `${n} pod${n === 1 ? '' : 's'}`;
