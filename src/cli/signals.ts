/**
 * Ctrl-C / SIGTERM: the first stops new arrivals and lets journeys in flight finish
 * within the grace period; the second stops at once. Either way the output stays valid.
 */
export function stopSignals(say: (s: string) => void): { soft: AbortSignal; hard: AbortSignal; dispose: () => void } {
  const soft = new AbortController();
  const hard = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (!soft.signal.aborted) {
      say(`\n${sig}: stopping arrivals, letting journeys in flight finish (again to stop at once)\n`);
      soft.abort();
    } else if (!hard.signal.aborted) {
      say(`\n${sig}: stopping now\n`);
      hard.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    soft: soft.signal,
    hard: hard.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
