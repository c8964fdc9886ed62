/**
 * What holding the population costs one k6 instance, each way, from bench/k6-memory.ts
 * (k6 v1.3.0, `--part=population`, election-night): deriving the candidates costs every
 * VU the generator, Faker's code and its locale data (516 MB at 100 VUs against 64 MB at
 * one: ~4.6 MB a VU); population.json costs the instance its parsed SharedArray
 * (1,186 MB for 100,000 candidates against 64 MB: ~11 kB a candidate), whatever its VUs.
 */
export const DERIVED_MB_PER_VU = 4.6;
export const FILE_KB_PER_CANDIDATE = 11;
/** k6 with one VU (64–65 MB in both columns of the same bench). */
export const BASE_MB = 64;
/** A VU of a script that reads population files: 1,237 MB at 100 VUs against 1,186 MB at one (100,000 candidates). */
export const FILE_MB_PER_VU = 0.5;

/** Peak memory (MB) of one k6 instance running `vus` VUs: deriving the candidates, or loading `shippedCandidates` from files. */
export function podMemoryMb(vus: number, shippedCandidates?: number): number {
  return shippedCandidates === undefined
    ? BASE_MB + vus * DERIVED_MB_PER_VU
    : BASE_MB + (shippedCandidates * FILE_KB_PER_CANDIDATE) / 1000 + vus * FILE_MB_PER_VU;
}

export interface PopulationCost {
  /** MB one instance spends holding the population as files (every instance loads all of it). */
  filesMb: number;
  /** MB one instance spends deriving it: its share of the VUs. */
  derivedMb: number;
}

export function populationCost(candidates: number, vusPerInstance: number): PopulationCost {
  return {
    filesMb: (candidates * FILE_KB_PER_CANDIDATE) / 1000,
    derivedMb: vusPerInstance * DERIVED_MB_PER_VU,
  };
}

/** What each way costs, when shipping the population as files costs an instance less memory than deriving it. */
export function populationNote(candidates: number, vusPerInstance: number): string | undefined {
  const c = populationCost(candidates, vusPerInstance);
  if (c.filesMb >= c.derivedMb) return undefined;
  return `deriving the candidates costs each k6 instance about ${Math.round(c.derivedMb).toLocaleString('en-US')} MB (${vusPerInstance.toLocaleString('en-US')} VUs × ${DERIVED_MB_PER_VU} MB), population files about ${Math.round(c.filesMb).toLocaleString('en-US')} MB (${candidates.toLocaleString('en-US')} candidates × ${FILE_KB_PER_CANDIDATE} kB)`;
}
