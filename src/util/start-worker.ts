import { Worker, type WorkerOptions } from 'node:worker_threads';
import { RUNS_COMPILED, siblingModule } from './compiled.js';

/**
 * Starts a worker thread on a module of this package beside `base` (an `import.meta.url`),
 * named without extension. Compiled, the thread runs the `.js` file directly. From source
 * (tests, `npm run rehearse`) worker threads do not inherit the TypeScript loader of the
 * thread that starts them, so the new thread registers tsx's before importing the `.ts`
 * file (150–300 ms more; the compiled CLI never pays it).
 */
export function startWorker(name: string, base: string, options: WorkerOptions = {}): Worker {
  const entry = siblingModule(name, base);
  if (RUNS_COMPILED) return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
