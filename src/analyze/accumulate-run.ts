import { readWholePart } from '../results/read-points.js';
import { addPartStats, checkMalformed, newReadStats, type ReadOptions, type ReadStats } from '../results/reader.js';
import { PointScanner } from '../results/scan-point.js';
import { RunAccumulator } from './accumulate.js';

/** A run's files read into one accumulator, with the reading counts. */
export async function accumulateRun(files: string[], origin: number, opts: ReadOptions = {}): Promise<{ acc: RunAccumulator; stats: ReadStats }> {
  const stats = newReadStats();
  const acc = new RunAccumulator(origin);
  const scanner = new PointScanner();
  for (const path of files) addPartStats(stats, await readWholePart({ path }, scanner, acc));
  checkMalformed(stats, opts.maxMalformedShare);
  return { acc: acc.finish(), stats };
}
