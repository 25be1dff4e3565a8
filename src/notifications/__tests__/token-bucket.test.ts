import { createKeyedTokenBuckets, createTokenBucket } from '../token-bucket';

describe('token buckets', () => {
  it('lets a burst of `capacity` through, then one per refill interval', () => {
    const bucket = createTokenBucket({ capacity: 3, refillPerSecond: 2 }, 0);
    expect([bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0)]).toEqual([true, true, true, false]);
    expect(bucket.waitMs(0)).toBe(500);
    expect(bucket.tryTake(499)).toBe(false);
    expect(bucket.tryTake(500)).toBe(true);
    // A long pause refills to capacity, never beyond.
    expect([0, 1, 2, 3].map(() => bucket.tryTake(60_000))).toEqual([true, true, true, false]);
  });

  it('keeps one bucket per key, and at most maxKeys of them', () => {
    const buckets = createKeyedTokenBuckets({ capacity: 1, refillPerSecond: 0.1, maxKeys: 2 });
    expect(buckets.tryTake('a', 0)).toBe(true);
    expect(buckets.tryTake('a', 0)).toBe(false);
    expect(buckets.tryTake('b', 0)).toBe(true);
    expect(buckets.tryTake('c', 0)).toBe(true);
    expect(buckets.size).toBe(2);
    // 'a' was the least recently used and was dropped: it starts full again.
    expect(buckets.tryTake('a', 0)).toBe(true);
    expect(buckets.tryTake('c', 0)).toBe(false);
  });
});
