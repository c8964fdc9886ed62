import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../util/usage-error.js';
import type { RunManifest } from './manifest.js';
import { checkManifest } from './manifest-schema.js';

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
      if (!m)
        throw new UsageError(
          `${input}: no manifest.json: expected a run directory written by \`rehearse run\`, or give the k6 output files themselves`,
        );
      if (m.samples.length === 0 && m.engine?.name === 'sim')
        throw new UsageError(
          `${input}: a simulated run without samples: its summary.json is already written (rehearse report reads it); simulate with --samples summary for analyze, compare and check`,
        );
      if (m.samples.length === 0)
        throw new UsageError(`${join(input, 'manifest.json')}: samples: expected at least one sample file`);
      manifests.push(m);
      const found = [];
      for (const [i, s] of m.samples.entries()) found.push(await sampleFile(path, input, s, i, m.status === 'running'));
      const present = found.filter((f): f is string => f !== undefined);
      // A `--workers` run writes its manifest before its workers open their files: one killed
      // in between has nothing to read, which is said as such (a run stopped that early).
      if (present.length === 0)
        throw new UsageError(
          `${input}: the run stopped before it wrote any samples (manifest.json still says running: killed?): nothing to analyze`,
        );
      files.push(...present);
    } else {
      files.push(path);
      const m = await readManifest(join(dirname(path), 'manifest.json'), input).catch(() => undefined);
      if (m?.samples.some((s) => resolve(dirname(path), s) === path || s === basename(path))) manifests.push(m);
    }
  }
  const out: ResolvedInputs = {
    files,
    runDir: (await stat(resolve(inputs[0] as string))).isDirectory()
      ? resolve(inputs[0] as string)
      : dirname(files[0] as string),
  };
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
  const r = checkManifest(m);
  if (r.problems)
    throw new UsageError(`${path}: ${r.problems.join('; ')} (a run manifest, as \`rehearse run\` writes it)`);
  return r.manifest;
}

/**
 * A sample file the manifest lists, checked to be there: a missing one (gzipped or
 * moved by hand) is named with where to look, not left to fail deep in the reader.
 * In a run that never finished (`unfinished`: its manifest still says running) a file
 * that is simply absent was never opened, so it is left out (undefined), not an error.
 */
async function sampleFile(
  dir: string,
  input: string,
  name: string,
  i: number,
  unfinished: boolean,
): Promise<string | undefined> {
  const path = join(dir, name);
  const st = await stat(path).catch(() => undefined);
  if (st?.isFile()) return path;
  const where = `${join(input, 'manifest.json')}: samples[${i}]`;
  if (st)
    throw new UsageError(
      `${where}: ${JSON.stringify(name)} is not a file: expected a k6 output file in the run directory`,
    );
  const other = name.endsWith('.gz') ? name.slice(0, -3) : `${name}.gz`;
  const moved = await stat(join(dir, other)).then(
    (x) => x.isFile(),
    () => false,
  );
  if (unfinished && !moved) return undefined;
  throw new UsageError(
    `${where}: ${JSON.stringify(name)} is missing from the run directory${moved ? `; ${JSON.stringify(other)} is there: list that name in the manifest, or analyze the file itself` : ': expected the sample files the run wrote'}`,
  );
}
