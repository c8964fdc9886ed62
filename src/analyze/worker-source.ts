import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The reading worker (accumulate-worker.ts) bundled into one CommonJS script, to start
 * a thread with `new Worker(source, { eval: true })`: about 30 ms, where a worker that
 * registers the TypeScript loader (accumulate-worker-boot.mjs) and compiles the modules
 * takes 150–300 ms — a fifth of the time the two threads save on a 2,000,000-line run.
 *
 * Built with esbuild (a dependency already, through tsx) and kept in
 * node_modules/.cache/launch-rehearsal/ (where build tools keep theirs: inside the
 * project, not a shared temporary directory) with the size and mtime of every source it
 * was built from, so later runs skip the ~80 ms build until a source changes.
 * Undefined when it cannot be built; the caller then starts the loader-based worker.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./accumulate-worker.ts', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'launch-rehearsal', `analyze-worker-${process.version}.json`);

interface Cached {
  inputs: Array<[string, number, number]>;
  code: string;
}

let source: Promise<string | undefined> | undefined;

export function workerSource(): Promise<string | undefined> {
  source ??= cached()
    .then((code) => code ?? build())
    .catch(() => undefined);
  return source;
}

async function fingerprint(path: string): Promise<[string, number, number]> {
  const s = await stat(path);
  return [path, s.size, s.mtimeMs];
}

async function cached(): Promise<string | undefined> {
  let c: Cached;
  try {
    c = JSON.parse(await readFile(CACHE, 'utf8')) as Cached;
  } catch {
    return undefined;
  }
  const now = await Promise.all(c.inputs.map(([p]) => fingerprint(p).catch(() => undefined)));
  const same = now.every((f, i) => f && f[1] === c.inputs[i]?.[1] && f[2] === c.inputs[i]?.[2]);
  return same ? c.code : undefined;
}

async function build(): Promise<string | undefined> {
  const esbuild = await import('esbuild');
  const r = await esbuild.build({
    entryPoints: [ENTRY],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    // Smaller source, parsed faster when the thread starts.
    minify: true,
  });
  const code = r.outputFiles[0]?.text;
  if (code === undefined) return undefined;
  // Best effort: a read-only tree only means building again next time.
  try {
    const inputs = await Promise.all(Object.keys(r.metafile.inputs).map((p) => fingerprint(resolve(ROOT, p))));
    await mkdir(join(CACHE, '..'), { recursive: true });
    const tmp = `${CACHE}.${process.pid}`;
    await writeFile(tmp, JSON.stringify({ inputs, code } satisfies Cached));
    await rename(tmp, CACHE);
  } catch {
    // not cached
  }
  return code;
}
