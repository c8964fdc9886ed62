/**
 * How far a read of a run has got, in bytes of its files (compressed bytes for gzip),
 * for a progress line on long analyses. Parts of files are counted from where they
 * start; a worker thread's count arrives in its messages and is added.
 */
export interface ReadProgress {
  bytes: number;
  totalBytes: number;
}

export class ProgressCounter {
  private finished = 0;
  private current = 0;
  private other = 0;

  constructor(
    readonly totalBytes: number,
    private readonly report: (p: ReadProgress) => void,
  ) {}

  /** The block callback of a part that starts `start` bytes into its file. */
  part(start: number): (fileBytes: number) => void {
    this.finished += this.current;
    this.current = 0;
    return (fileBytes) => {
      this.current = Math.max(0, fileBytes - start);
      this.emit();
    };
  }

  /** The worker's own count so far. */
  worker(bytes: number): void {
    this.other = bytes;
    this.emit();
  }

  /** Everything read. */
  done(): void {
    this.report({ bytes: this.totalBytes, totalBytes: this.totalBytes });
  }

  private emit(): void {
    this.report({
      bytes: Math.min(this.totalBytes, this.finished + this.current + this.other),
      totalBytes: this.totalBytes,
    });
  }
}
