/**
 * Candidates read from population files (JSON arrays, population-file.ts) through k6's
 * SharedArray: loaded once per k6 instance and shared read-only by every VU. Used by
 * candidates-file.ts (`rehearse run --engine k6`) and by candidates-derived.ts when an
 * exported script is run with `-e REHEARSAL_POPULATION=a.json,b.json` (your own population).
 */
import { SharedArray } from 'k6/data';
import type { Candidate } from '../../population/types.js';

const k6Globals = globalThis as unknown as { __ENV: Record<string, string | undefined>; open(path: string): string };

/** The files named by REHEARSAL_POPULATION (comma-separated), else `files`; none: undefined. */
export function populationFiles(files: readonly string[]): string[] | undefined {
  const env = k6Globals.__ENV.REHEARSAL_POPULATION;
  const chosen = env ? env.split(',') : files;
  return chosen.length > 0 ? chosen.map((f) => f.trim()) : undefined;
}

/** Candidate n of the files, concatenated in order (undefined past their end). */
export function fileCandidates(files: readonly string[]): (n: number) => Candidate | undefined {
  const population = new SharedArray<Candidate>('population', () => {
    const all: Candidate[] = [];
    for (const f of files) for (const c of JSON.parse(k6Globals.open(f)) as Candidate[]) all.push(c);
    return all;
  });
  return (n) => population[n];
}
