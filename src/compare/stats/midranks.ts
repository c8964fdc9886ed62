/**
 * Ranks of the pooled values with ties given their average rank ("midranks"), and
 * the tie sizes, as the Mann-Whitney U test needs them (Hollander & Wolfe 1999 §4.1).
 * Returns ranks in the input order (1-based). Cost O(n log n).
 */
export function midranks(values: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  const ties: number[] = [];
  for (let i = 0; i < order.length; ) {
    let j = i + 1;
    while (
      j < order.length &&
      (order[j] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]
    )
      j++;
    const rank = (i + 1 + j) / 2; // mean of ranks i+1 … j
    for (let k = i; k < j; k++) ranks[(order[k] as readonly [number, number])[1]] = rank;
    if (j - i > 1) ties.push(j - i);
    i = j;
  }
  return { ranks, ties };
}
