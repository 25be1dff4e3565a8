/**
 * Wraps every method of a repository so that whatever it throws or rejects with goes
 * through `toStoreError` first (each adapter turns its driver's failures into catalogue
 * errors in that one function, never method by method), and so that `track` sees every
 * call in flight (`Store.close()` waits for them).
 */
export function withStoreErrors<T extends object>(
  repository: T,
  toStoreError: (error: unknown) => unknown,
  track: <R>(work: Promise<R>) => Promise<R> = (work) => work,
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(repository)) {
    wrapped[name] =
      typeof value === 'function'
        ? (...args: unknown[]) =>
            track(
              (async () => {
                try {
                  return await (value as (...a: unknown[]) => unknown).apply(repository, args);
                } catch (error) {
                  throw toStoreError(error);
                }
              })(),
            )
        : value;
  }
  return wrapped as T;
}
