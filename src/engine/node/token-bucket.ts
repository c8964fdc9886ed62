/**
 * The hard request-rate cap from `--max-rps`: a token bucket (capacity one second of
 * tokens). It is a safety limit, not a load shape: a run that hits it is reported,
 * and latency stays measured from the intended send time, so the delay is visible.
 */
export function tokenBucket(ratePerSec: number): { take: () => Promise<void>; delayed: () => number } {
  let tokens = ratePerSec;
  let last = performance.now();
  let delayed = 0;
  const refill = () => {
    const now = performance.now();
    tokens = Math.min(ratePerSec, tokens + ((now - last) * ratePerSec) / 1000);
    last = now;
  };
  const take = async (): Promise<void> => {
    refill();
    // Counted once per request held back, however many times it wakes to find another took the token.
    if (tokens < 1) delayed++;
    while (tokens < 1) {
      await new Promise((r) => setTimeout(r, Math.max(1, ((1 - tokens) * 1000) / ratePerSec)));
      refill();
    }
    tokens -= 1;
  };
  return { take, delayed: () => delayed };
}
