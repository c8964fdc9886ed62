import { setFlagsFromString } from 'node:v8';

/**
 * V8's inlining budget for the simulator, raised before its loop is first optimized. The
 * loop is one large function (every kind of event is a case of it), and with V8's
 * defaults (460 bytes of bytecode a callee, 920 in all per optimized function) its hot
 * handlers — the answer's delivery, the journey's next step, the portal's service, the
 * queue's push — stay calls out of line, each boxing the virtual time it passes into a
 * new heap number (95 bytes allocated an event at election night's 0.05; 81 with the
 * budget below). With 2,000 and 5,000, paired runs of election night at scale 0.25 took
 * 0.78–1.00 of the loop thread's CPU time on Node 20 (8 pairs, median 0.89) and
 * 0.81–0.84 on Node 24 (4 pairs); 5,000 and 20,000 were slower than 2,000 and 5,000
 * (1.08–1.18), as were 1,000 and 2,500 (1.00–1.18).
 *
 * The flags only steer the optimizing compiler: no output depends on them (byte-identical
 * either way). They are process-wide and read when a function is optimized, so code
 * optimized before keeps its inlining.
 */
const BUDGET = { 'max-inlined-bytecode-size': 2000, 'max-inlined-bytecode-size-cumulative': 5000 };

/** The flags to set: each of `BUDGET` that the process was not started with (a flag given on the command line wins). */
export function inliningFlags(execArgv: readonly string[]): string[] {
  const given = new Set(execArgv.map((a) => a.replace(/^--/, '').split('=')[0]?.replaceAll('_', '-')));
  return Object.entries(BUDGET)
    .filter(([name]) => !given.has(name))
    .map(([name, value]) => `--${name}=${value}`);
}

let raised = false;

/** Sets `inliningFlags` once per process. */
export function raiseInliningBudget(): void {
  if (raised) return;
  raised = true;
  for (const flag of inliningFlags(process.execArgv)) setFlagsFromString(flag);
}
