import { parentPort, workerData } from 'node:worker_threads';
import { type FilePart, readWholePart } from '../src/results/read-points.js';
import { useAddon } from '../src/results/read-native.js';
import { PointScanner } from '../src/results/read-point-bytes.js';

/**
 * The aggregation jq and DuckDB compute in bench/analyze.ts — count and sum of values
 * per metric — over our reader (the native line scanner when built, else the byte-level
 * JavaScript reader), for one or more parts of a file. Run as a
 * worker thread (bundled by bench/analyze.ts) it reads `workerData.countMeanParts` and
 * posts the sums back.
 */
export type Sums = Array<[string, number, number]>;

export async function countMean(parts: FilePart[]): Promise<Sums> {
  const seen: Array<{ name: string; memo: unknown }> = [];
  const scanner = new PointScanner();
  for (const part of parts) {
    await readWholePart(part, scanner, {
      point(metric, _t, value) {
        let a = metric.memo as { n: number; s: number } | undefined;
        if (!a) {
          metric.memo = a = { n: 0, s: 0 };
          seen.push(metric);
        }
        a.n++;
        a.s += value;
      },
    });
  }
  return seen.map((m) => {
    const a = m.memo as { n: number; s: number };
    return [m.name, a.n, a.s];
  });
}

const data = workerData as { countMeanParts?: FilePart[]; addon?: string | null } | null;
const parts = data?.countMeanParts;
if (parentPort && parts) {
  const port = parentPort;
  useAddon(data?.addon ?? null);
  void countMean(parts).then((sums) => port.postMessage(sums));
}
