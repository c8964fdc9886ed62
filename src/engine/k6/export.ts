/**
 * `rehearse k6 export`: a directory that plain k6 runs with no toolkit installed.
 *
 *   DIR/script.js           the bundle: driver + journey + target + options + the population
 *                           generator, one ES module that derives candidate n for iteration n
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
import { populationNote } from './population-cost.js';
import { prepareScript } from './script.js';
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
  /** Write k6-operator manifests for a run over this many pods. */
  k8s?: { parallelism?: number; image?: string; instanceRate?: number };
  /** The command that produced the export, for the README. */
  command?: string;
}

export interface ExportResult {
  outDir: string;
  /** When population files would cost a k6 instance less memory than deriving the candidates. */
  populationNote?: string;
  files: string[];
  population: number;
  preAllocatedVUs: number;
  /** With k8s: what the scenario needs and the parallelism chosen. */
  sizing?: ClusterSizing;
}

export async function exportK6(o: ExportOptions): Promise<ExportResult> {
  if (o.k8s?.parallelism !== undefined && !(Number.isInteger(o.k8s.parallelism) && o.k8s.parallelism >= 1)) {
    throw new UsageError(`--parallelism: expected a whole number ≥ 1, got ${o.k8s.parallelism}`);
  }
  if (o.k8s?.instanceRate !== undefined && !(o.k8s.instanceRate > 0)) {
    throw new UsageError(`--instance-rate: expected requests per second > 0, got ${o.k8s.instanceRate}`);
  }
  const outDir = resolve(o.outDir);
  await mkdir(outDir, { recursive: true });
  const banner = `// launch-rehearsal: scenario ${o.scenario.name}, seed ${o.seed}, target ${o.target.name}. Run: k6 run script.js (see README.md)`;
  const prepared = await prepareScript({
    dir: outDir,
    scenario: o.scenario,
    target: o.target,
    baseUrl: o.baseUrl,
    ...(o.allowHosts ? { allowHosts: o.allowHosts } : {}),
    population: o.population ?? { derive: o.seed },
    banner,
    ...(o.k8s ? { maxPopulationBytes: CONFIGMAP_DATA_BYTES } : {}),
  });
  const files = ['script.js', ...prepared.populationFiles];
  const name = k8sName(`rehearsal-${o.scenario.name}`);
  const sizing = o.k8s
    ? sizeCluster({
        schedule: prepared.compiled.schedule,
        scenario: o.scenario,
        target: o.target,
        peakConcurrency: prepared.compiled.vus.peak,
        preAllocatedVUs: prepared.compiled.vus.preAllocatedVUs,
        ...(o.k8s.instanceRate !== undefined ? { instanceRate: o.k8s.instanceRate } : {}),
        ...(o.k8s.parallelism !== undefined ? { parallelism: o.k8s.parallelism } : {}),
      })
    : undefined;
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
  const note =
    o.population === undefined
      ? populationNote(prepared.count, sizing ? sizing.vusPerPod : vus.preAllocatedVUs)
      : undefined;
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
