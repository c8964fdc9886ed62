import yargs from 'yargs';
import { type RunFlags, withRunOptions } from '../../src/cli/run-options.js';

let defaults: RunFlags | undefined;

/**
 * The run flags of `rehearse run` as a user who typed none gets them, then `o`: the
 * defaults are the ones `withRunOptions` declares, parsed by yargs (once: property tests
 * call this thousands of times), so a test of `rehearsalFlags` cannot drift from what
 * the CLI really passes.
 */
export function runFlags(o: Partial<RunFlags> = {}): RunFlags {
  if (!defaults) {
    const { _, $0, ...parsed } = withRunOptions(yargs([])).parseSync();
    defaults = parsed as unknown as RunFlags;
  }
  return { ...defaults, 'allow-host': [...defaults['allow-host']], ...o };
}
