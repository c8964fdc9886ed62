import { describe, expect, it } from 'vitest';
import { inliningFlags } from '../../../src/engine/sim/inlining.js';

describe('inliningFlags', () => {
  it('raises both budgets when the process was started without them', () => {
    expect(inliningFlags(['--import', 'tsx'])).toEqual([
      '--max-inlined-bytecode-size=2000',
      '--max-inlined-bytecode-size-cumulative=5000',
    ]);
  });

  it('leaves a budget given on the command line, in either spelling, to the caller', () => {
    expect(inliningFlags(['--max-inlined-bytecode-size=100'])).toEqual(['--max-inlined-bytecode-size-cumulative=5000']);
    expect(inliningFlags(['--max_inlined_bytecode_size_cumulative=300'])).toEqual(['--max-inlined-bytecode-size=2000']);
    expect(inliningFlags(['--max-inlined-bytecode-size=1', '--max-inlined-bytecode-size-cumulative=2'])).toEqual([]);
  });
});
