/**
 * `rehearse k6 export`: a directory that plain k6 runs with no toolkit installed.
 *
 *   DIR/script.js           the bundle: driver + journey + target + options + the population
 *                           generator, one script (CommonJS) that derives candidate n for iteration n
 *   DIR/population*.json    only when given candidates (`population`): read through SharedArray
 *   DIR/README.md           how to run it, alone, split in segments, or on Kubernetes
 *   DIR/k8s/*.yaml          with --k8s: k6-operator TestRun, ConfigMaps, results volume
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Candidate } from '../../population/types.js';
import type { Scenario } from '../../scenario/types.js';
import type { TargetFile } from '../../target/types.js';
import { UsageError } from '../../util/usage-error.js';
import { exportReadme } from './export-readme.js';
import { k8sManifests, k8sName } from './k8s.js';
import { generatePopulation } from '../../population/generate.js';
import { populationNote } from './population-cost.js';
import type { CompiledOptions } from './options.js';
import { derivedOptions, prepareScript } from './script.js';
import { type ClusterSizing, sizeCluster } from './sizing.js';

/** A ConfigMap holds at most 1 MiB; leave room for its metadata. */
export const CONFIGMAP_DATA_BYTES = 900_000;

export interface ExportOptions {
  outDir: string;
  scenario: Scenario;
  target: TargetFile;
  baseUrl: string;
  /** Non-loopback hosts the script may send to besides the base URL's (--allow-host). */
  allowHosts?: string[];
  seed: number;
  /**
   * Candidates to ship as population files. Without it (the default) the script derives
   * candidate n from `seed` itself, and the export holds no population.
   */
  population?: Iterable<Candidate> | AsyncIterable<Candidate>;
  /**
   * Without `population`: `derive` always derives the candidates in the script; `auto` (the
   * default) ships them as files instead when that costs a k6 instance less memory
   * (population-cost.ts: a small population beside many VUs).
   */
  populationMode?: 'auto' | 'derive';
  /** Write k6-operator manifests for a run over this many pods. */
  k8s?: { parallelism?: number; image?: string; instanceRate?: number; maxVusPerPod?: number };
  /** The command that produced the export, for the README. */
  command?: string;
}

export interface ExportResult {
  outDir: string;
  /** Why the population was shipped as files, or what deriving it costs, when that matters. */
  populationNote?: string;
  files: string[];
  population: number;
  preAllocatedVUs: number;
  /** With k8s: what the scenario needs and the parallelism chosen. */
  sizing?: ClusterSizing;
}

/**
 * What the scenario needs of a cluster, and the pods it runs over (asked for, or chosen);
 * `shipped`: the candidates every pod loads from population files (none when derived).
 */
function clusterOf(o: ExportOptions, compiled: CompiledOptions, shipped?: number): ClusterSizing {
  return sizeCluster({
    schedule: compiled.schedule,
    scenario: o.scenario,
    target: o.target,
    peakConcurrency: compiled.vus.peak,
    preAllocatedVUs: compiled.vus.preAllocatedVUs,
    ...(o.k8s?.instanceRate !== undefined ? { instanceRate: o.k8s.instanceRate } : {}),
    ...(o.k8s?.parallelism !== undefined ? { parallelism: o.k8s.parallelism } : {}),
    ...(o.k8s?.maxVusPerPod !== undefined ? { maxVusPerPod: o.k8s.maxVusPerPod } : {}),
    ...(shipped !== undefined ? { shippedCandidates: shipped } : {}),
  });
}

export async function exportK6(o: ExportOptions): Promise<ExportResult> {
  if (o.k8s?.parallelism !== undefined && !(Number.isInteger(o.k8s.parallelism) && o.k8s.parallelism >= 1)) {
    throw new UsageError(`--parallelism: expected a whole number ≥ 1, got ${o.k8s.parallelism}`);
  }
  if (o.k8s?.instanceRate !== undefined && !(o.k8s.instanceRate > 0)) {
    throw new UsageError(`--instance-rate: expected requests per second > 0, got ${o.k8s.instanceRate}`);
  }
  const maxVus = o.k8s?.maxVusPerPod;
  if (maxVus !== undefined && !(Number.isInteger(maxVus) && maxVus >= 1)) {
    throw new UsageError(`--max-vus-per-pod: expected a whole number ≥ 1, got ${maxVus}`);
  }
  const outDir = resolve(o.outDir);
  await mkdir(outDir, { recursive: true });
  const banner = `// launch-rehearsal: scenario ${o.scenario.name}, seed ${o.seed}, target ${o.target.name}. Run: k6 run script.js (see README.md)`;
  // Whether to derive the candidates or ship them is decided from the options alone (the
  // seed's candidates hold the same VUs either way), before the one bundle is built.
  let population = o.population;
  let compiled: CompiledOptions | undefined;
  let note: string | undefined;
  if (population === undefined) {
    compiled = derivedOptions(o.scenario, o.seed, o.target);
    // The VUs one instance runs: the whole script's, or one pod's share of them.
    const vus = compiled.vus.preAllocatedVUs;
    const perInstance = o.k8s ? Math.ceil(vus / clusterOf(o, compiled).parallelism) : vus;
    const cost = populationNote(o.scenario.population, perInstance);
    if (cost && (o.populationMode ?? 'auto') === 'auto') {
      population = generatePopulation(o.scenario, o.seed);
      note = `${cost}: shipped as files (--derive derives them in the script)`;
    } else if (cost) note = `${cost}: files would be lighter (without --derive they are chosen)`;
  }
  const prepared = await prepareScript({
    dir: outDir,
    scenario: o.scenario,
    target: o.target,
    baseUrl: o.baseUrl,
    ...(o.allowHosts ? { allowHosts: o.allowHosts } : {}),
    population: population ?? { derive: o.seed },
    banner,
    ...(o.k8s ? { maxPopulationBytes: CONFIGMAP_DATA_BYTES } : {}),
    ...(compiled ? { compiled } : {}),
  });
  const files = ['script.js', ...prepared.populationFiles];
  const name = k8sName(`rehearsal-${o.scenario.name}`);
  const shipped = prepared.populationFiles.length > 0 ? prepared.count : undefined;
  const sizing = o.k8s ? clusterOf(o, prepared.compiled, shipped) : undefined;
  if (o.k8s && sizing) {
    await mkdir(join(outDir, 'k8s'), { recursive: true });
    const manifests = k8sManifests({
      name,
      parallelism: sizing.parallelism,
      script: await readFile(prepared.script, 'utf8'),
      population: await Promise.all(
        prepared.populationFiles.map(async (file) => ({ file, text: await readFile(join(outDir, file), 'utf8') })),
      ),
      baseUrl: o.baseUrl,
      image: o.k8s.image ?? 'grafana/k6:latest',
    });
    for (const m of manifests) {
      await writeFile(join(outDir, 'k8s', m.file), m.text);
      files.push(`k8s/${m.file}`);
    }
  }
  const vus = prepared.compiled.vus;
  await writeFile(
    join(outDir, 'README.md'),
    exportReadme({
      scenario: o.scenario,
      target: o.target.name,
      baseUrl: o.baseUrl,
      seed: o.seed,
      population: prepared.count,
      populationFiles: prepared.populationFiles,
      vus: vus.preAllocatedVUs,
      k8s: sizing ? { sizing, name } : undefined,
      command: o.command,
    }),
  );
  files.push('README.md');
  return {
    outDir,
    files,
    population: prepared.count,
    preAllocatedVUs: vus.preAllocatedVUs,
    ...(sizing ? { sizing } : {}),
    ...(note ? { populationNote: note } : {}),
  };
}
