/** A rate limit: up to `capacity` at once, refilled at `refillPerSecond`. */
export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
}

/** One token bucket. `now` is injectable so tests need no waiting. */
export interface TokenBucket {
  /** Takes one token if there is one. */
  tryTake(now?: number): boolean;
  /** Milliseconds until a token is there (0 when one is). */
  waitMs(now?: number): number;
}

export function createTokenBucket({ capacity, refillPerSecond }: TokenBucketOptions, start = Date.now()): TokenBucket {
  if (!(capacity >= 1) || !(refillPerSecond > 0)) throw new Error(`a token bucket needs capacity ≥ 1 and refillPerSecond > 0; got ${capacity} and ${refillPerSecond}`);
  let tokens = capacity;
  let at = start;
  const refill = (now: number): void => {
    if (now > at) {
      tokens = Math.min(capacity, tokens + ((now - at) / 1000) * refillPerSecond);
      at = now;
    }
  };
  return {
    tryTake(now = Date.now()) {
      refill(now);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    waitMs(now = Date.now()) {
      refill(now);
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / refillPerSecond) * 1000);
    },
  };
}

/**
 * Token buckets per key (a client's address), at most `maxKeys` of them: past that the
 * least recently used key's bucket is dropped (a dropped key starts full again, which
 * costs an attacker nothing they could not get with a new address, and bounds memory
 * whatever arrives).
 */
export interface KeyedTokenBuckets {
  tryTake(key: string, now?: number): boolean;
  readonly size: number;
}

export function createKeyedTokenBuckets({ maxKeys, ...options }: TokenBucketOptions & { maxKeys: number }): KeyedTokenBuckets {
  const buckets = new Map<string, TokenBucket>();
  return {
    tryTake(key, now = Date.now()) {
      let bucket = buckets.get(key);
      if (bucket) buckets.delete(key);
      else bucket = createTokenBucket(options, now);
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      return bucket.tryTake(now);
    },
    get size() {
      return buckets.size;
    },
  };
}
