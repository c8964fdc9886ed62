import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../util/usage-error.js';
import type { RunManifest } from './manifest.js';

/**
 * What `rehearse analyze RUN…` was given, resolved to sample files:
 *   - a run directory: its manifest.json lists the sample files;
 *   - a sample file (.ndjson, .json, .csv, optionally .gz): read as is, and a
 *     manifest.json beside it is used when it lists that file;
 *   - several of either: one run split over segments or pods, merged.
 */
export interface ResolvedInputs {
  files: string[];
  /** The first manifest found (time zero, quota, engine, seed). */
  manifest?: RunManifest;
  /** Directory the run lives in (where summary.json goes by default). */
  runDir: string;
}

export async function resolveInputs(inputs: string[]): Promise<ResolvedInputs> {
  if (inputs.length === 0) throw new UsageError('analyze: no input: give a run directory or k6 output files');
  const files: string[] = [];
  const manifests: RunManifest[] = [];
  for (const input of inputs) {
    const path = resolve(input);
    const st = await stat(path).catch(() => undefined);
    if (!st) throw new UsageError(`${input}: no such file or directory: expected a run directory or a k6 output file`);
    if (st.isDirectory()) {
      const m = await readManifest(join(path, 'manifest.json'), input);
      if (!m) throw new UsageError(`${input}: no manifest.json: expected a run directory written by \`rehearse run\`, or give the k6 output files themselves`);
      if (m.samples.length === 0 && m.engine?.name === 'sim') throw new UsageError(`${input}: a simulated run without samples: its summary.json is already written (rehearse report reads it); simulate with --samples summary for analyze, compare and check`);
      if (m.samples.length === 0) throw new UsageError(`${join(input, 'manifest.json')}: samples: expected at least one sample file`);
      manifests.push(m);
      for (const s of m.samples) files.push(join(path, s));
    } else {
      files.push(path);
      const m = await readManifest(join(dirname(path), 'manifest.json'), input).catch(() => undefined);
      if (m?.samples.some((s) => resolve(dirname(path), s) === path || s === basename(path))) manifests.push(m);
    }
  }
  const out: ResolvedInputs = { files, runDir: (await stat(resolve(inputs[0] as string))).isDirectory() ? resolve(inputs[0] as string) : dirname(files[0] as string) };
  if (manifests.length > 0) {
    // Segments of one run share the opening; take the earliest should they differ.
    const first = manifests.reduce((a, b) => (b.openingEpochMs < a.openingEpochMs ? b : a));
    out.manifest = first;
  }
  return out;
}

async function readManifest(path: string, input: string): Promise<RunManifest | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw new UsageError(`${path}: not valid JSON: expected the manifest of a run (input ${input})`);
  }
  const r = m as Partial<RunManifest>;
  if (typeof r !== 'object' || r === null || !Array.isArray(r.samples) || typeof r.openingEpochMs !== 'number') {
    throw new UsageError(`${path}: expected a run manifest with samples (array) and openingEpochMs (number)`);
  }
  return r as RunManifest;
}
