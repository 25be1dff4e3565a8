import { GatewayError } from '../../src/errors';

/** Retries of idempotent calls: full-jitter exponential backoff, `Retry-After` honoured. */
export interface RetryOptions {
  /** Retries after the first attempt (0 turns retrying off). @default 2 */
  count?: number;
  /** The first retry waits a random time up to this; each later one up to twice the one before. @default 200 */
  baseDelayMs?: number;
  /** No backoff waits longer than this. @default 2000 */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` (on 429 and 503) that is waited for; a source asking for
   * longer is not retried, its answer goes back at once. @default 5000
   */
  maxRetryAfterMs?: number;
}

/** The source's circuit breaker (opossum): fail fast while it is failing, try again after a pause. */
export interface BreakerOptions {
  /** false: every call goes through, whatever the source's record. @default true */
  enabled?: boolean;
  /** Opens when more than this percentage of the calls in the window failed… @default 50 */
  errorThresholdPercentage?: number;
  /** …and the window holds at least this many calls. @default 10 */
  volumeThreshold?: number;
  /** The rolling window calls are counted over, in milliseconds. @default 10000 */
  windowMs?: number;
  /** How long it stays open before one trial call may go through (half-open). @default 15000 */
  resetTimeoutMs?: number;
}

/** How much of the gateway one source may hold at once. */
export interface ConcurrencyOptions {
  /** Calls in flight to the source at once. @default 64 */
  maxInFlight?: number;
  /** Calls waiting for one of those places; beyond it a call fails at once (OVERLOADED). @default 256 */
  maxQueued?: number;
}

/**
 * A source's resilience policy. Every key is optional; the defaults suit the slow, often
 * overloaded systems of provincial and national agencies.
 */
export interface ResilienceOptions {
  retries?: RetryOptions;
  breaker?: BreakerOptions;
  concurrency?: ConcurrencyOptions;
  /** Identical idempotent calls in flight share one upstream call and its answer. @default true */
  dedupe?: boolean;
}

export interface ResolvedResilienceOptions {
  readonly retries: Readonly<Required<RetryOptions>>;
  readonly breaker: Readonly<Required<BreakerOptions>>;
  readonly concurrency: Readonly<Required<ConcurrencyOptions>>;
  readonly dedupe: boolean;
}

/** The defaults, in one place: the config schema leaves them out, the README lists them. */
export const RESILIENCE_DEFAULTS: ResolvedResilienceOptions = Object.freeze({
  retries: Object.freeze({ count: 2, baseDelayMs: 200, maxDelayMs: 2000, maxRetryAfterMs: 5000 }),
  breaker: Object.freeze({ enabled: true, errorThresholdPercentage: 50, volumeThreshold: 10, windowMs: 10_000, resetTimeoutMs: 15_000 }),
  concurrency: Object.freeze({ maxInFlight: 64, maxQueued: 256 }),
  dedupe: true,
});

/**
 * Fills in the defaults and checks every number (the gateway's config schema checks them
 * first; this guards other callers).
 * @throws GatewayError CONFIG_INVALID naming the source, each bad option and what it held.
 */
export function resolveResilienceOptions(source: string, options: ResilienceOptions = {}): ResolvedResilienceOptions {
  const resolved: ResolvedResilienceOptions = {
    retries: { ...RESILIENCE_DEFAULTS.retries, ...withoutUndefined(options.retries) },
    breaker: { ...RESILIENCE_DEFAULTS.breaker, ...withoutUndefined(options.breaker) },
    concurrency: { ...RESILIENCE_DEFAULTS.concurrency, ...withoutUndefined(options.concurrency) },
    dedupe: options.dedupe ?? RESILIENCE_DEFAULTS.dedupe,
  };
  const { retries, breaker, concurrency } = resolved;
  const checks: Array<[string, unknown, number, number]> = [
    ['retries.count', retries.count, 0, 10],
    ['retries.baseDelayMs', retries.baseDelayMs, 0, 60_000],
    ['retries.maxDelayMs', retries.maxDelayMs, 0, 600_000],
    ['retries.maxRetryAfterMs', retries.maxRetryAfterMs, 0, 600_000],
    ['breaker.errorThresholdPercentage', breaker.errorThresholdPercentage, 1, 100],
    ['breaker.volumeThreshold', breaker.volumeThreshold, 1, 1_000_000],
    ['breaker.windowMs', breaker.windowMs, 100, 3_600_000],
    ['breaker.resetTimeoutMs', breaker.resetTimeoutMs, 1, 3_600_000],
    ['concurrency.maxInFlight', concurrency.maxInFlight, 1, 100_000],
    ['concurrency.maxQueued', concurrency.maxQueued, 0, 1_000_000],
  ];
  const problems = checks
    .filter(([, value, min, max]) => !Number.isInteger(value) || (value as number) < min || (value as number) > max)
    .map(([key, value, min, max]) => `${key} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  if (problems.length > 0) {
    throw new GatewayError('CONFIG_INVALID', `resilience options of ${source} are invalid: ${problems.join('; ')}`, { source });
  }
  return Object.freeze({
    retries: Object.freeze(resolved.retries),
    breaker: Object.freeze(resolved.breaker),
    concurrency: Object.freeze(resolved.concurrency),
    dedupe: resolved.dedupe,
  });
}

function withoutUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
