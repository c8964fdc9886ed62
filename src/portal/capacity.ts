/**
 * Explicit capacity: `workers` service slots and a FIFO of requests waiting for one.
 * A request holds its slot for a drawn service time — a real wait, not CPU — so the
 * portal saturates at workers ÷ mean service time on any machine (Little's law:
 * throughput = busy slots ÷ time in service).
 *
 * setTimeout fires late by about a millisecond; with 15 ms service times that alone
 * would cut capacity by ~6 %. Each hold therefore subtracts a running average of the
 * observed timer overshoot, so the *measured* holds keep the configured mean.
 */
export class WorkerPool {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];
  private overshootMs = 1;
  /** Requests that held a slot, and the total time slots were held (ms). */
  served = 0;
  busyMs = 0;
  /** The most slots ever held at once (never above `workers`). */
  peak = 0;

  constructor(readonly workers: number) {}

  get inService(): number {
    return this.busy;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves when a slot is free (FIFO). Pair with `release()`. */
  acquire(): Promise<void> {
    if (this.busy < this.workers) {
      this.busy++;
      this.peak = Math.max(this.peak, this.busy);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next)
      next(); // the slot passes straight to the next in line
    else this.busy--;
  }

  /** Waits until `startedAt + ms` (performance.now() clock), compensating timer lateness. */
  async holdUntil(startedAt: number, ms: number): Promise<void> {
    const due = startedAt + ms;
    const delay = due - performance.now() - this.overshootMs;
    if (delay > 0) {
      await new Promise((r) => setTimeout(r, delay));
      // The timer fired `late + overshootMs` after it was asked to; move the estimate
      // towards that (exponentially weighted, α = 0.05), kept within [0, 4] ms.
      const late = performance.now() - due;
      this.overshootMs = Math.min(4, Math.max(0, this.overshootMs + 0.05 * late));
    }
    this.served++;
    this.busyMs += Math.max(ms, performance.now() - startedAt);
  }
}
