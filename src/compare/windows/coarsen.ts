import { mergeWindow, type AnyWindow } from './window.js';

/** Samples a window should hold on average before its level means something. */
export const TARGET_PER_WINDOW = 30;
/** Fewest windows worth keeping for a bootstrap over them. */
export const MIN_WINDOWS = 20;

/**
 * Merges runs of g neighbouring windows so each holds about TARGET_PER_WINDOW samples
 * (keeping at least MIN_WINDOWS when there are that many). Windows that hold 5
 * samples each hide a drifting level under sampling noise: the autocorrelation the
 * block length is chosen from is then underestimated and intervals come out narrow.
 */
export function coarsen(windows: ReadonlyArray<AnyWindow | undefined>): Array<AnyWindow | undefined> {
  const n = windows.length;
  let samples = 0;
  for (const w of windows) if (w) samples += 'count' in w ? w.count : 'total' in w ? w.total : 0;
  if (samples === 0) return [...windows];
  const g = Math.max(1, Math.min(Math.ceil((TARGET_PER_WINDOW * n) / samples), Math.floor(n / MIN_WINDOWS)));
  if (g === 1) return [...windows];
  const out: Array<AnyWindow | undefined> = [];
  for (let i = 0; i < n; i += g) {
    let acc: AnyWindow | undefined;
    for (let j = i; j < Math.min(n, i + g); j++) {
      const w = windows[j];
      if (!w) continue;
      if (!acc) acc = structuredClone(w);
      else mergeWindow(acc, w);
    }
    out.push(acc);
  }
  return out;
}
