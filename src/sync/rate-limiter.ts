/** Hands out permits at a steady rate. */
export interface RateLimiter {
  /** Resolves when the next permit is free (at once when one is). */
  take(): Promise<void>;
}

/**
 * A token bucket of one second's worth of permits refilled continuously at
 * `perSecond`: bursts up to the bucket, never more than the rate over time. Callers
 * waiting for a permit each reserve the next free slot, so they are served in order.
 */
export function createRateLimiter(perSecond: number, now: () => number = Date.now): RateLimiter {
  const capacity = Math.max(1, perSecond);
  let tokens = capacity;
  let last = now();
  return {
    async take() {
      const t = now();
      tokens = Math.min(capacity, tokens + ((t - last) / 1000) * perSecond);
      last = t;
      tokens -= 1;
      if (tokens >= 0) return;
      // In debt: wait until the refill covers this permit.
      const waitMs = Math.ceil((-tokens / perSecond) * 1000);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    },
  };
}
