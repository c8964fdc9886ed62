import { z } from 'zod';
import { problemLines } from '../util/zod-problems.js';
import type { RunManifest } from './manifest.js';

/**
 * What readers of a run directory rely on in its manifest.json, checked before use: a
 * manifest is a file a user can edit (or gzip a sample file it lists), so a field of the
 * wrong type or out of range is an input error (exit 2, one line), never a crash deep in
 * the analyzer. The bound on `openingEpochMs` matters: 1e300 made every sample's offset
 * from the opening lose all precision and the analyzer run out of heap after 51 s.
 *
 * Loose objects: fields a reader does not use (and fields a newer writer adds) pass.
 */

/** The last instant a JavaScript Date can hold (ECMA-262 §21.4.1.1: ±8.64e15 ms). */
export const MAX_EPOCH_MS = 8.64e15;

const name = z.string().min(1);
const ManifestSchema = z.looseObject({
  engine: z.looseObject({ name }),
  scenario: z.looseObject({ name, quota: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() }),
  target: z.looseObject({ name }),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  openingEpochMs: z.number().min(0).max(MAX_EPOCH_MS),
  startedAt: z.string().optional(),
  status: z.enum(['running', 'completed', 'interrupted', 'failed']),
  samples: z.array(z.string().min(1)),
  portalStats: z.record(z.string(), z.unknown()).optional(),
});

/** The manifest parsed from `path`, or the problems with it (`field: expected …`), every one. */
export function checkManifest(
  data: unknown,
): { manifest: RunManifest; problems?: undefined } | { manifest?: undefined; problems: string[] } {
  const r = ManifestSchema.safeParse(data);
  if (!r.success) return { problems: problemLines(r.error, data) };
  return { manifest: data as RunManifest };
}
