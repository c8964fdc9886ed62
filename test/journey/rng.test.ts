import { describe, expect, it } from 'vitest';
import { draw, seedState } from '../../src/journey/rng.js';

/*
 * Every engine must draw the same jitter from the same state, so the generator's
 * outputs are pinned to values computed outside this code base: a Python transcription
 * of Tommy Ettinger's reference C for mulberry32 (state += 0x6D2B79F5, then the
 * multiply-xorshift rounds) and of the splitmix32 finalizer, in exact 32-bit integers.
 * mulberry32 from state 0 starts 0.26642920868471265, the value its JavaScript ports cite.
 */
function run(state: number, n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const r = draw(state);
    out.push(r);
    state = r[0];
  }
  return out;
}

describe('the journey’s seeded generator', () => {
  it('is mulberry32: state and uniform after each draw from state 0', () => {
    expect(run(0, 3)).toEqual([
      [1831565813, 0.26642920868471265],
      [3663131626, 0.0003297457005828619],
      [1199730143, 0.2232720274478197],
    ]);
  });

  it.each([
    [0, 2462723854, [0.6225702704396099, 0.3551594908349216, 0.43118691933341324]],
    [1, 2527132011, [0.1657054431270808, 0.3910158311482519, 0.39401109516620636]],
    [42, 939911724, [0.1778232182841748, 0.6313992536161095, 0.49404995795339346]],
    [4294967295, 920564995, [0.5223135030828416, 0.9062833907082677, 0.8789158053696156]],
  ])('seed %d mixes to state %d (splitmix32 finalizer), then draws the pinned uniforms', (seed, state, us) => {
    expect(seedState(seed)).toBe(state);
    expect(run(state, 3).map((r) => r[1])).toEqual(us);
  });

  it('draws uniforms in [0, 1) and keeps its state a 32-bit unsigned integer', () => {
    let s = seedState(7);
    for (let i = 0; i < 10_000; i++) {
      const [next, u] = draw(s);
      expect(u >= 0 && u < 1 && Number.isInteger(next) && next >= 0 && next < 2 ** 32).toBe(true);
      s = next;
    }
  });
});
