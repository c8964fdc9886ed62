import type { FilePart } from '../results/read-points.js';
import { lineStartAfter, type SplitPlan } from './split-plan.js';

/**
 * The cut between the two threads, made when the worker is ready rather than before it
 * starts. A worker thread takes ~90 ms to boot, during which this thread is already
 * reading; a cut fixed at the file's middle leaves the worker the larger half of the
 * remaining work, and this thread idle at the end. So when a plan cuts one plain file,
 * this thread starts on the whole rest of that file, and the moment the worker says it
 * is ready, the rest — from where this thread's reads have got to — is cut at a line
 * start, WORKER_SHARE of it going to the worker: this thread's range ends there
 * (readBlocks takes the lowered end on its next read) and the worker gets the lines
 * after it. The halves stay
 * contiguous in file order, so the merged result is the single pass's (tested).
 */
export interface AdaptiveSplit {
  /** This thread's parts; the last one's `range.end` is lowered by `cut`. */
  first: FilePart[];
  /** The worker's parts once cut (empty when this thread read everything first). */
  cut(): FilePart[];
}

/**
 * The worker's share of what is left: a little under half, since it starts cold (its
 * code not yet compiled) while this thread is warm; measured on a 2,000,000-line run,
 * 0.45 made the two finish together most often (0.5 left the worker 50–100 ms behind).
 */
const WORKER_SHARE = 0.45;
/** By default, below this many remaining bytes the worker gets nothing: it would only add a merge. */
export const MIN_SHARE = 8 << 20;

/** An adaptive version of `plan`, or null when its cut is not inside one plain file (then the plan stands). */
export function adaptive(plan: SplitPlan, minShare = MIN_SHARE): AdaptiveSplit | null {
  const last = plan.first[plan.first.length - 1];
  const other = plan.second[0];
  if (
    plan.second.length !== 1 ||
    !last?.range ||
    !other?.range ||
    other.path !== last.path ||
    last.path.endsWith('.gz')
  )
    return null;
  const path = last.path;
  const size = other.range.end;
  const mine: FilePart = { ...last, range: { start: last.range.start, end: size } };
  let done = false;
  return {
    first: [...plan.first.slice(0, -1), mine],
    cut(): FilePart[] {
      if (done) return [];
      done = true;
      const range = mine.range as NonNullable<FilePart['range']>;
      const from = Math.max(range.issued ?? range.start, range.start);
      if (size - from < Math.max(1, minShare)) return [];
      const at = lineStartAfter(path, from + Math.floor((size - from) * (1 - WORKER_SHARE)), size);
      if (at === null) return [];
      range.end = at;
      return [{ path, range: { start: at, end: size }, format: other.format ?? null }];
    },
  };
}
