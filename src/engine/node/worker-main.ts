/** Entry point of one engine worker thread (see workers.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { generatePopulation } from '../../population/generate.js';
import { runNode } from './run.js';
import type { WorkerInput, WorkerMessage } from './workers.js';

const { opts } = workerData as WorkerInput;
const port = parentPort;
if (!port) throw new Error('worker-main must run in a worker thread');
const soft = new AbortController();
const hard = new AbortController();
port.on('message', (m: string) => (m === 'stop' ? soft.abort() : m === 'hard' ? hard.abort() : undefined));
const send = (m: WorkerMessage) => port.postMessage(m);

try {
  const result = await runNode(
    {
      ...opts,
      population: generatePopulation(opts.scenario, opts.seed),
      signal: soft.signal,
      hardSignal: hard.signal,
      onProgress: (progress) => send({ type: 'progress', progress }),
    },
    { writeManifest: false },
  );
  send({ type: 'done', result });
} catch (e) {
  const exitCode = (e as { exitCode?: unknown } | undefined)?.exitCode;
  send({
    type: 'error',
    message: e instanceof Error ? e.message : String(e),
    ...(typeof exitCode === 'number' ? { exitCode } : {}),
  });
}
port.close();
