import { open, rename, rm, writeFile } from 'node:fs/promises';
import { DiskFull, isDiskFull } from '../util/disk-full.js';
import { join } from 'node:path';
import { MANIFEST_VERSION, type RunManifest } from '../results/manifest.js';
import { toolVersion } from '../util/version.js';
import type { RunOptions } from './types.js';

/** The manifest every engine writes when a run starts (status `running`). */
export function startManifest(
  opts: RunOptions,
  engine: RunManifest['engine'],
  fields: { baseUrl: string; openingEpochMs: number; samples: string[] },
): RunManifest {
  return {
    version: MANIFEST_VERSION,
    ...(opts.runId !== undefined ? { runId: opts.runId } : {}),
    tool: { name: 'launch-rehearsal', version: toolVersion(), node: process.version },
    engine,
    scenario: {
      name: opts.scenario.name,
      title: opts.scenario.title,
      scale: opts.scenario.knobs.scale,
      timeScale: opts.scenario.knobs.timeScale,
      population: opts.populationSize,
      ...(opts.scenario.portal.quota !== undefined ? { quota: opts.scenario.portal.quota } : {}),
    },
    target: { name: opts.target.name, baseUrl: fields.baseUrl },
    seed: opts.seed,
    openingEpochMs: fields.openingEpochMs,
    startedAt: new Date().toISOString(),
    status: 'running',
    samples: fields.samples,
    ...(opts.notes?.length ? { notes: [...opts.notes] } : {}),
  };
}

/**
 * A `running` manifest is padded with trailing spaces (valid JSON) to this many bytes, so
 * the last rewrite can go in place into blocks the file already holds when the disk is full.
 */
const RESERVE_BYTES = 4096;

/**
 * Writes manifest.json whole or not at all: to a temporary file renamed over it (a crash
 * never leaves half a manifest). On a full disk, where even that fails, the new manifest
 * is written in place into the room the `running` one reserved, so the run can still say
 * how it ended; if it does not fit, the previous manifest stays as it was.
 */
export async function writeManifest(outDir: string, manifest: RunManifest): Promise<void> {
  const path = join(outDir, 'manifest.json');
  const text = JSON.stringify(manifest, null, 2) + '\n';
  const body =
    manifest.status === 'running' && text.length < RESERVE_BYTES
      ? text + ' '.repeat(RESERVE_BYTES - text.length - 1) + '\n'
      : text;
  try {
    await writeFile(`${path}.tmp`, body);
    await rename(`${path}.tmp`, path);
  } catch (e) {
    await rm(`${path}.tmp`, { force: true });
    if (!isDiskFull(e)) throw e;
    await overwriteInPlace(path, manifest, text);
  }
}

async function overwriteInPlace(path: string, manifest: RunManifest, full: string): Promise<void> {
  const fh = await open(path, 'r+').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new DiskFull(`${path}: disk full (ENOSPC): the run could not start`);
    throw e;
  });
  try {
    const room = (await fh.stat()).size;
    // Journey notes go first when room is short: the last notes say how the run ended.
    const text =
      Buffer.byteLength(full) <= room
        ? full
        : JSON.stringify({ ...manifest, notes: manifest.notes?.slice(-2) }, null, 2) + '\n';
    if (Buffer.byteLength(text) > room) return;
    await fh.write(text, 0);
    await fh.truncate(Buffer.byteLength(text));
  } finally {
    await fh.close();
  }
}
