import { writeFile } from 'node:fs/promises';
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

export async function writeManifest(outDir: string, manifest: RunManifest): Promise<void> {
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
