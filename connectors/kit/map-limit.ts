/**
 * Maps `items` through `fn` with at most `limit` calls in flight, keeping input order.
 * Each result is a value or the Error it failed with, so one failure never loses the
 * others (DataLoader's contract: errors are values, one per key).
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<Array<R | Error>> {
  const results = new Array<R | Error>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (err) {
        results[index] = err instanceof Error ? err : new Error(String(err));
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
