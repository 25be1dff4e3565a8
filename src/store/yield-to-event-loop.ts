/** Lets pending I/O and timers run between two synchronous chunks of database work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
