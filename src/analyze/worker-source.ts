import { fileURLToPath } from 'node:url';

/**
 * The reading worker (accumulate-worker.ts) bundled into one CommonJS script, to start
 * a thread with `new Worker(source, { eval: true })`: about 30 ms, where a worker that
 * registers the TypeScript loader (accumulate-worker-boot.mjs) and compiles the modules
 * takes 150–300 ms — a fifth of the time the two threads save on a 2,000,000-line run.
 * Built once per process with esbuild (a dependency already, through tsx); undefined
 * when that fails, and the caller starts the loader-based worker instead.
 */
let source: Promise<string | undefined> | undefined;

export function workerSource(): Promise<string | undefined> {
  source ??= build().catch(() => undefined);
  return source;
}

async function build(): Promise<string | undefined> {
  const esbuild = await import('esbuild');
  const r = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./accumulate-worker.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    // Smaller source, parsed faster when the thread starts.
    minify: true,
  });
  return r.outputFiles[0]?.text;
}
