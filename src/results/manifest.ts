/** The manifest of a run directory: what was run, against what, with which seed, when. */
export const MANIFEST_VERSION = 1;

export interface RunManifest {
  version: typeof MANIFEST_VERSION;
  /** A fresh id per run (src/results/run-dir.ts); a summary records it to tell its run from a later one in the same directory. */
  runId?: string;
  tool: { name: 'launch-rehearsal'; version: string; node: string };
  engine: { name: 'node' | 'k6' | 'sim'; version?: string; workers?: number; segment?: string };
  scenario: { name: string; title: string; scale: number; timeScale: number; population: number; quota?: number };
  target: { name: string; baseUrl: string };
  seed: number;
  /** Epoch ms of the opening: time zero of the run. */
  openingEpochMs: number;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'completed' | 'interrupted' | 'failed';
  /** Sample files, relative to the run directory. */
  samples: string[];
  /** The portal's own counts at the end, when the engine could ask (reference portal). */
  portalStats?: Record<string, unknown>;
  notes?: string[];
}
