// @ts-check
/**
 * A module-load hook for mutation runs only: vitest 4 ends a test worker when its run's
 * queue is empty, so Stryker (one `vitest.start()` per mutant) paid for a new worker
 * thread and a fresh import of every covering test file's module graph per mutant —
 * 0.7–0.8 s of a 0.1 s run for `test/analyze/hand-built.test.ts`. Stryker switches mutants
 * at run time (`__stryker__.activeMutant`, read on each call; static mutants are ignored),
 * so the modules a worker has loaded stay valid from one mutant to the next, as in
 * Stryker's other runners. The hook widens vitest's one condition for keeping a
 * non-isolated worker ("the next queued file shares it") to "or nothing is queued": the
 * next run then finds it in the pool's shared runners (vitest's own `getPoolRunner`) —
 * except while the pool cancels (Stryker's bail on a mutant's first failing test): a
 * worker kept then never answered again, so every later mutant timed out.
 *
 * Needs `isolate: false` (test/mutate/vitest.config.ts). If vitest's source changes so
 * the condition is not found, the hook says so once and changes nothing: runs are slower,
 * not wrong.
 */
const KEEP_IF = 'this.queue[0]?.task.isolate === false && isEqualRunner(runner, this.queue[0].task)';
const KEEP_IF_OR_IDLE = `(this.queue.length === 0 && !this._isCancelling || ${KEEP_IF})`;

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (!/\/vitest\/dist\/chunks\/cli-api\.[^/]+\.js$/.test(url) || loaded.source == null) return loaded;
  const source = String(loaded.source);
  if (!source.includes(KEEP_IF)) {
    process.stderr.write(
      `test/mutate/keep-worker-hook.mjs: vitest's worker-keeping condition not found in ${url}; each mutant will start a new worker (slower, same results)\n`,
    );
    return loaded;
  }
  return { ...loaded, source: source.replace(KEEP_IF, KEEP_IF_OR_IDLE) };
}
