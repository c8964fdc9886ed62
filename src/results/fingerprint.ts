import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { RunManifest } from './manifest.js';
import { resolveInputs } from './read-inputs.js';

/**
 * What a summary was computed from, so a reader can tell whether it still describes the
 * run beside it. A probe reported a first run after a second had been written into the
 * same directory, and a run analyzed half-way reported as if it had ended: summary.json
 * carries this record and is used only while it holds.
 *
 * Files are named by path relative to the summary's own directory and identified by size
 * and modification time (cheap on a multi-gigabyte run, and any append changes both);
 * the run's id and status come from its manifest, which a new run or the end of this one
 * rewrites.
 */
export interface SourceFingerprint {
  /** The manifest's runId, when the run has one. */
  runId?: string;
  /** The manifest's status when the summary was computed (`running`: a partial run). */
  status?: RunManifest['status'];
  files: Array<{ path: string; size: number; mtimeMs: number }>;
}

/** The fingerprint of `inputs` (what `rehearse analyze` was given), paths relative to `summaryDir`. */
export async function fingerprintInputs(inputs: string[], summaryDir: string): Promise<SourceFingerprint> {
  const { files, manifest, runDir } = await resolveInputs(inputs);
  const manifestPath = join(runDir, 'manifest.json');
  const all = manifest ? [manifestPath, ...files] : files;
  const out: SourceFingerprint = { files: [] };
  if (manifest?.runId !== undefined) out.runId = manifest.runId;
  if (manifest) out.status = manifest.status;
  for (const f of all) {
    const st = await stat(f).catch(() => undefined);
    if (st) out.files.push({ path: relative(resolve(summaryDir), f) || '.', size: st.size, mtimeMs: st.mtimeMs });
  }
  return out;
}

/**
 * Why a summary in `summaryDir` no longer describes its run, or undefined when it does.
 * A summary without a fingerprint (written before they existed) is treated as stale: it
 * costs an analysis, never a wrong report.
 */
export async function staleReason(fp: SourceFingerprint | undefined, summaryDir: string): Promise<string | undefined> {
  if (!fp || !Array.isArray(fp.files)) return 'it does not record what it was computed from';
  for (const f of fp.files) {
    const st = await stat(join(summaryDir, f.path)).catch(() => undefined);
    if (!st) return `${f.path} is gone`;
    if (st.size !== f.size || st.mtimeMs !== f.mtimeMs) return `${f.path} changed since it was computed`;
  }
  const manifest = await readFile(join(summaryDir, 'manifest.json'), 'utf8').then(
    (t) => JSON.parse(t) as Partial<RunManifest>,
    () => undefined,
  );
  if (manifest?.runId !== undefined && manifest.runId !== fp.runId)
    return `it was computed from run ${fp.runId ?? '(unknown)'}, the directory now holds run ${manifest.runId}`;
  return undefined;
}
