/**
 * Automatic block length for the circular block bootstrap: Politis & White (2004),
 * "Automatic Block-Length Selection for the Dependent Bootstrap", Econometric
 * Reviews 23(1), with the correction of Patton, Politis & White (2009), 28(4).
 *
 *   b_CB = (2 Ĝ² / D̂_CB)^(1/3) · n^(1/3),   D̂_CB = (4/3) ĝ(0)²
 *   Ĝ    = Σ_{|k|≤M} λ(k/M) |k| γ̂(k),    ĝ(0) = Σ_{|k|≤M} λ(k/M) γ̂(k)
 *   λ(t) = 1 for |t| ≤ ½, 2(1 − |t|) for ½ < |t| ≤ 1 (the flat-top lag window)
 *
 * M = 2m̂, where m̂ is the first lag after which K_n = max(5, ⌊log10 n⌋)
 * autocorrelations all lie within ±2·√(log10(n)/n); M ≤ ⌈√n⌉ + K_n, and
 * b ≤ min(3√n, n/3). The details (autocorrelation normalisation, the search for m̂)
 * follow Kevin Sheppard's `arch` package (arch.bootstrap.optimal_block_length), so
 * the two give the same numbers. Why it matters here: windows of a run are often
 * shorter than the time a queue takes to drain, so a fixed n^(1/3) rule gives blocks
 * too short to carry the correlation and intervals too narrow.
 * Cost O(n·√n). Returns at least 1.
 */
export function optimalBlockLength(x: readonly number[]): number {
  const n = x.length;
  if (n < 4) return 1;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const e = x.map((v) => v - mean);
  const dot = (a0: number, b0: number, len: number) => {
    let s = 0;
    for (let i = 0; i < len; i++) s += (e[a0 + i] as number) * (e[b0 + i] as number);
    return s;
  };
  const bMax = Math.ceil(Math.min(3 * Math.sqrt(n), n / 3));
  const kn = Math.max(5, Math.floor(Math.log10(n)));
  const mMax = Math.ceil(Math.sqrt(n)) + kn;
  const cv = 2 * Math.sqrt(Math.log10(n) / n);
  const acv = new Float64Array(mMax + 1);
  const absAcorr = new Float64Array(mMax + 1);
  let optM: number | undefined;
  for (let i = 0; i <= mMax && i < n; i++) {
    const len = n - (i + 1);
    const v1 = len > 0 ? dot(i + 1, i + 1, len) : 0;
    const v2 = len > 0 ? dot(0, 0, len) : 0;
    const cross = dot(i, 0, n - i);
    acv[i] = cross / n;
    absAcorr[i] = v1 > 0 && v2 > 0 ? Math.abs(cross) / Math.sqrt(v1 * v2) : 0;
    if (i >= kn && optM === undefined) {
      let all = true;
      for (let k = i - kn; k < i; k++) if (!((absAcorr[k] as number) < cv)) all = false;
      if (all) optM = i - kn;
    }
  }
  const m = Math.min(optM !== undefined ? 2 * Math.max(optM, 1) : mMax, mMax);
  let g = 0;
  let lr = acv[0] as number;
  for (let k = 1; k <= m; k++) {
    const lam = k / m <= 0.5 ? 1 : 2 * (1 - k / m);
    g += 2 * lam * k * (acv[k] as number);
    lr += 2 * lam * (acv[k] as number);
  }
  const b = ((2 * g * g) / ((4 / 3) * lr * lr)) ** (1 / 3) * n ** (1 / 3);
  // A constant series (0/0) carries no dependence to preserve.
  return Number.isNaN(b) ? 1 : Math.max(1, Math.min(b, bMax));
}
