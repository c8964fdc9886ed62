import { describe, expect, it } from 'vitest';
import { inSegment, k6Sequence, parseSegment, vanDerCorput } from '../../src/engine/segment.js';

/**
 * One parser for --segment, whatever the engine. What k6 v1.3.0 accepts and refuses was
 * checked with the binary (`k6 run --execution-segment …`): `.25:1/2` and `0:25%` run,
 * `0:1.5/3` fails with "'1.5/3' is not a valid percentage, decimal, fraction or interval value".
 */
describe('execution segments', () => {
  it('reads every form k6 reads: fractions, decimals with or without a leading 0, percentages', () => {
    expect(parseSegment('1/4:2/4')).toMatchObject({ from: 0.25, to: 0.5 });
    expect(parseSegment('0.5:1')).toMatchObject({ from: 0.5, to: 1 });
    expect(parseSegment('.25:1/2')).toMatchObject({ from: 0.25, to: 0.5, text: '.25:1/2' });
    expect(parseSegment('0:25%')).toMatchObject({ from: 0, to: 0.25 });
    expect(parseSegment('50%:100%')).toMatchObject({ from: 0.5, to: 1 });
  });

  it('refuses what k6 refuses, naming the flag and the bad value', () => {
    expect(() => parseSegment('0:1.5/3')).toThrow(
      '--segment: expected FROM:TO with values like 1/4, 0.25 or 25%, got "0:1.5/3" ("1.5/3" is none of them)',
    );
    expect(() => parseSegment('1/2')).toThrow(/--segment: expected FROM:TO like 0:1\/4/);
    expect(() => parseSegment('3/4:1/4')).toThrow(/FROM < TO/);
    expect(() => parseSegment('0:3/2')).toThrow(/between 0 and 1/);
    expect(() => parseSegment('0:-1/2')).toThrow(/none of them/);
  });

  it('gives every k6 process of an n-way split the same sequence', () => {
    expect(k6Sequence(parseSegment('0:1/4'))).toBe('0,1/4,2/4,3/4,1');
    expect(k6Sequence(parseSegment('3/4:1'))).toBe('0,1/4,2/4,3/4,1');
    expect(k6Sequence(parseSegment('.5:1'))).toBe('0,1/2,1');
    expect(k6Sequence(parseSegment('0:25%'))).toBe('0,1/4,2/4,3/4,1');
    expect(k6Sequence(parseSegment('1/4:3/4'))).toBe('0,1/4,3/4,1');
  });

  it('puts every candidate in exactly one of any partition, evenly for quarters and thirds', () => {
    const parts = [parseSegment('0:1/3'), parseSegment('1/3:2/3'), parseSegment('2/3:1')];
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const hits = parts.map((p) => inSegment(i, p));
      expect(hits.filter(Boolean)).toHaveLength(1);
      counts[hits.indexOf(true)]!++;
    }
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThanOrEqual(2);
    expect(vanDerCorput(1)).toBe(0.5);
    expect(vanDerCorput(6)).toBe(0.375);
  });
});
