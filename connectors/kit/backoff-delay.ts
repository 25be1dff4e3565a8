/**
 * The wait before retry number `retry` (0 for the first retry) with "full jitter" (AWS
 * Architecture Blog, "Exponential Backoff And Jitter"): a uniformly random time in
 * [0, min(maxDelayMs, baseDelayMs × 2^retry)), so clients that failed together do not
 * come back together.
 */
export function backoffDelay(retry: number, { baseDelayMs, maxDelayMs }: { baseDelayMs: number; maxDelayMs: number }, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}
