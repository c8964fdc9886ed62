import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Candidate } from '../../population/types.js';
import type { ArrivalInfo } from './options.js';

/**
 * Writes the population as JSON arrays for k6's SharedArray: candidate n of the file
 * (or of the files, concatenated in order) is the candidate iteration n runs. Streams,
 * so memory holds only the arrival times the options compiler needs. With
 * `maxBytes`, the population is split into shards (a Kubernetes ConfigMap holds at
 * most 1 MiB).
 */
export interface PopulationFiles {
  /** File names, relative to `dir`, in order. */
  files: string[];
  count: number;
  arrivals: ArrivalInfo[];
}

export async function writePopulation(
  dir: string,
  candidates: Iterable<Candidate> | AsyncIterable<Candidate>,
  opts: { maxBytes?: number; baseName?: string } = {},
): Promise<PopulationFiles> {
  const base = opts.baseName ?? 'population';
  const maxBytes = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  const files: string[] = [];
  const arrivals: ArrivalInfo[] = [];
  let out: ReturnType<typeof createWriteStream> | undefined;
  let bytes = 0;
  let inFile = 0;
  const close = async () => {
    if (!out) return;
    out.end(']\n');
    await once(out, 'close');
    out = undefined;
  };
  for await (const c of candidates) {
    if (c.seq !== arrivals.length)
      throw new Error(
        `writePopulation expects candidates in arrival order: ${c.id} has seq ${c.seq}, expected ${arrivals.length}`,
      );
    const line = JSON.stringify(c);
    if (out && bytes + line.length + 2 > maxBytes) await close();
    if (!out) {
      const name = Number.isFinite(maxBytes) ? `${base}-${files.length}.json` : `${base}.json`;
      files.push(name);
      out = createWriteStream(join(dir, name));
      out.write('[\n');
      bytes = 3;
      inFile = 0;
    }
    const text = (inFile > 0 ? ',\n' : '') + line;
    if (!out.write(text)) await once(out, 'drain');
    bytes += Buffer.byteLength(text);
    inFile++;
    arrivals.push({ arrivalMs: c.arrivalMs, persona: { patienceMs: c.persona.patienceMs } });
  }
  if (!out) {
    files.push(Number.isFinite(maxBytes) ? `${base}-0.json` : `${base}.json`);
    out = createWriteStream(join(dir, files[0] as string));
    out.write('[\n');
  }
  await close();
  return { files, count: arrivals.length, arrivals };
}
