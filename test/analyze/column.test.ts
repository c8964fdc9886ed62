import { describe, expect, it } from 'vitest';
import { Column } from '../../src/analyze/column.js';

/**
 * Column (the accumulator's per-journey storage) against a plain array fed the same
 * values: across chunk boundaries (64 Ki rows), with whole chunks of the fill value
 * (never allocated) before, between and after real values, and through its data form
 * (a worker thread's part) appended to another column.
 */
function rows(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // Rows 70,000–150,000 and the last 20,000 are missing (NaN), the rest exact doubles, -0 and 0 included.
    if ((i >= 70_000 && i < 150_000) || i >= n - 20_000) out.push(Number.NaN);
    else if (i % 1000 === 7) out.push(-0);
    else out.push(1.7e12 + i * 0.001 + (i % 3) / 7);
  }
  return out;
}

describe('Column', () => {
  it('gives back every value pushed, bit for bit, missing rows as its fill', () => {
    const vs = rows(200_000);
    const c = new Column((n) => new Float64Array(n), Number.NaN);
    for (const v of vs) c.push(v);
    expect(c.length).toBe(vs.length);
    for (let i = 0; i < vs.length; i++)
      if (!Object.is(c.get(i), vs[i])) throw new Error(`row ${i}: ${c.get(i)} ≠ ${vs[i]}`);
  });

  it('allocates no chunk whose rows all equal the fill', () => {
    const c = new Column((n) => new Uint8Array(n), 1);
    for (let i = 0; i < 140_000; i++) c.push(i === 100_000 ? 0 : 1);
    const d = c.toData();
    expect(Array.from(d.chunks, (x) => x !== undefined)).toEqual([false, true]);
    expect([c.get(0), c.get(99_999), c.get(100_000), c.get(139_999)]).toEqual([1, 1, 0, 1]);
  });

  it('appends another column as data after its own rows, in order', () => {
    const vs = rows(160_000);
    const a = new Column((n) => new Float64Array(n), Number.NaN);
    const b = new Column((n) => new Float64Array(n), Number.NaN);
    for (let i = 0; i < 90_000; i++) a.push(vs[i] as number);
    for (let i = 90_000; i < vs.length; i++) b.push(vs[i] as number);
    a.append(structuredClone(b.toData()));
    expect(a.length).toBe(vs.length);
    for (let i = 0; i < vs.length; i++)
      if (!Object.is(a.get(i), vs[i])) throw new Error(`row ${i}: ${a.get(i)} ≠ ${vs[i]}`);
  });
});
