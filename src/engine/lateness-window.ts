/**
 * The generator lateness shown on the progress line: the last 4,096 journey starts in
 * a ring, and their p99 (nearest rank). Live display only — the analysis computes
 * lateness from every sample with HDR histograms.
 */
export class LatenessWindow {
  private readonly values: number[] = [];
  private next = 0;

  constructor(private readonly size = 4096) {}

  add(ms: number): void {
    if (this.values.length < this.size) this.values.push(ms);
    else this.values[this.next++ % this.size] = ms;
  }

  p99(): number {
    if (this.values.length === 0) return 0;
    const s = [...this.values].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(0.99 * s.length))] ?? 0;
  }
}
