import { parentPort, workerData } from 'node:worker_threads';
import { readWorkerPart, type WorkerInput } from './read-worker-part.js';

/**
 * The entry of the worker thread that reads the second half of a run (accumulate-run.ts);
 * what it does is read-worker-part.ts.
 */
if (parentPort && (workerData as { analyzePart?: WorkerInput } | null)?.analyzePart) {
  const port = parentPort;
  void readWorkerPart((workerData as { analyzePart: WorkerInput }).analyzePart, port).then((out) =>
    port.postMessage(out),
  );
}
