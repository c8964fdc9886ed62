import { describe, expect, it } from 'vitest';
import { count, duration, pct } from '../../src/report/format.js';

describe('report wording of numbers', () => {
  it('groups thousands the same on every machine', () => {
    expect(count(2800)).toBe('2,800');
    expect(count(1234567)).toBe('1,234,567');
  });

  it('writes durations in the largest sensible units', () => {
    expect(duration(0.04)).toBe('< 0.1 ms');
    expect(duration(0.36)).toBe('0.4 ms');
    expect(duration(850)).toBe('850 ms');
    expect(duration(4_000)).toBe('4 s');
    expect(duration(1_234)).toBe('1.23 s');
    expect(duration(12_340)).toBe('12.3 s');
    expect(duration(60_000)).toBe('1 min');
    expect(duration(192_000)).toBe('3 min 12 s');
    expect(duration(3_840_000)).toBe('1 h 4 min');
    expect(duration(-15_000)).toBe('−15 s');
  });

  it('writes shares as percentages with a space, keeping a decimal near 0 and 100 %', () => {
    expect(pct(0.61)).toBe('61 %');
    expect(pct(0.004)).toBe('0.4 %');
    expect(pct(0.9951)).toBe('99.5 %');
    expect(pct(0)).toBe('0 %');
    expect(pct(1)).toBe('100 %');
  });
});
