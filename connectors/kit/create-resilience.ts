import CircuitBreaker from 'opossum';
import { GatewayError, isGatewayError, type ErrorCode } from '../../src/errors';
import { backoffDelay } from './backoff-delay';
import { createLimiter } from './create-limiter';
import { parseRetryAfter } from './parse-retry-after';
import { resolveResilienceOptions, type ResilienceOptions, type ResolvedResilienceOptions } from './resilience-options';

/** A circuit breaker's state, as `/readyz` and the metrics show it. */
export type BreakerState = 'closed' | 'open' | 'halfOpen';

/**
 * What one attempt at a call came to: the value the caller's reading made of the answer,
 * or what failed (the transport, or the reading), with the answer's HTTP status and
 * `Retry-After` when the source answered at all.
 */
export type AttemptResult<T> = { status?: number; retryAfter?: string } & ({ ok: true; value: T } | { ok: false; error: unknown });

/** One call to a source, as the HTTP client hands it to the resilience layer. */
export interface UpstreamCall<T> {
  /** Safe to repeat: retried on failure, and shared with identical calls in flight. */
  idempotent: boolean;
  /** Identical calls in flight share one attempt and its answer; null: never shared. */
  key: string | null;
  /** The whole call's budget in ms: waiting for a place, every attempt and the waits between them. */
  timeoutMs: number;
  /** Makes one attempt with the time left; resolves whatever happened, never rejects. */
  attempt(remainingMs: number): Promise<AttemptResult<T>>;
}

/** What the resilience layer reports as it works, for metrics and logs. */
export type UpstreamEvent =
  | {
      type: 'attempt';
      source: string;
      /** success: answered and read; failure: counted against the source; error: the source's own error answer, or one that could not be read. */
      outcome: 'success' | 'failure' | 'error';
      /** The catalogue code of a failure or error. */
      code: ErrorCode | null;
      durationMs: number;
      /** A retry of an earlier attempt. */
      retry: boolean;
    }
  | { type: 'rejected'; source: string; code: ErrorCode; reason: 'BREAKER_OPEN' | 'OVERLOADED' | 'QUEUED' }
  | { type: 'shared'; source: string }
  | { type: 'breaker'; source: string; state: BreakerState };

/** The state of one source's resilience, for `/readyz`. */
export interface ResilienceSnapshot {
  state: BreakerState;
  /** When the breaker entered that state (the layer's creation for a breaker never opened). */
  since: string;
  /** Attempts that completed in the breaker's rolling window, and how many of them counted as failures. */
  window: { ms: number; calls: number; failures: number };
  /** Calls refused without reaching the source since start, by why. */
  rejected: { breakerOpen: number; overloaded: number; queued: number };
  /** Calls under way (attempts, waits in line and between retries included). */
  active: number;
  /** Attempts in flight to the source, and calls waiting for a place. */
  inFlight: number;
  queued: number;
  /** Distinct idempotent calls in flight that identical calls can join. */
  sharedCalls: number;
}

/**
 * One source's resilience layer, shared by every HTTP client of that source (an SSO and
 * its API are one source): its circuit breaker, its concurrency cap, its retry policy and
 * its table of calls in flight.
 */
export interface Resilience {
  readonly source: string;
  readonly options: ResolvedResilienceOptions;
  /**
   * Runs one call under the policy: identical idempotent calls in flight are joined; each
   * attempt passes the breaker (failing fast while it is open) and takes a place under the
   * cap (failing fast when the line is full); an idempotent call whose attempt failed, or
   * was answered 429, is tried again after a full-jitter backoff (or the `Retry-After` the
   * source asked for on 429 and 503, when it is not beyond `maxRetryAfterMs`), while the
   * call's budget lasts. Resolves the last attempt's value or rejects with its error; a
   * retry that could not be sent (breaker open, line full) ends the call with the attempt
   * before it.
   *
   * An attempt counts against the source when the transport failed, the deadline passed,
   * or the source answered 5xx — unless reading that answer found the source's own error
   * (a catalogue code other than UPSTREAM_UNAVAILABLE and UPSTREAM_TIMEOUT, e.g. a SOAP
   * fault sent with HTTP 500). A 4xx never counts.
   * @throws GatewayError UPSTREAM_UNAVAILABLE with `breaker` while the breaker refuses calls,
   *   with `reason: 'OVERLOADED'` when the line is full; UPSTREAM_TIMEOUT (`reason: 'QUEUED'`)
   *   when the budget ran out in line.
   */
  execute<T>(call: UpstreamCall<T>): Promise<T>;
  state(): BreakerState;
  snapshot(): ResilienceSnapshot;
  /** Calls `listener` with every event from now on; returns the function that stops it. */
  observe(listener: (event: UpstreamEvent) => void): () => void;
  /** Stops the breaker's timers and refuses calls still waiting. */
  close(): void;
}

/** Failures that say the source is unwell, as opposed to the source's own error answers. */
const SOURCE_FAILURE_CODES: ReadonlySet<string> = new Set<ErrorCode>(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT']);

/** An attempt the breaker must count as failed; opossum counts a rejection only. */
class CountedFailure<T> extends Error {
  constructor(readonly result: AttemptResult<T>) {
    super('the attempt failed');
  }
}

type Action = (run: () => Promise<AttemptResult<unknown>>) => Promise<AttemptResult<unknown>>;

/**
 * Creates the resilience layer of one source from its options (defaults in
 * RESILIENCE_DEFAULTS). The breaker is opossum's: it opens when more than
 * `errorThresholdPercentage` of at least `volumeThreshold` attempts in the last `windowMs`
 * failed, lets one trial through after `resetTimeoutMs` (half-open), and closes when the
 * trial is not a failure.
 */
export function createResilience(source: string, options: ResilienceOptions = {}): Resilience {
  const resolved = resolveResilienceOptions(source, options);
  const { retries, breaker: breakerOptions, concurrency } = resolved;
  const limiter = createLimiter(source, concurrency);
  const inFlight = new Map<string, Promise<unknown>>();
  const listeners = new Set<(event: UpstreamEvent) => void>();
  const rejected = { breakerOpen: 0, overloaded: 0, queued: 0 };
  let since = new Date();
  let closed = false;
  let active = 0;

  const action: Action = (run) => run();
  const breaker = new CircuitBreaker<Parameters<Action>, AttemptResult<unknown>>(action, {
    name: source,
    // Deadlines belong to the HTTP client, which aborts the request itself.
    timeout: false,
    enabled: breakerOptions.enabled,
    errorThresholdPercentage: breakerOptions.errorThresholdPercentage,
    volumeThreshold: breakerOptions.volumeThreshold,
    rollingCountTimeout: breakerOptions.windowMs,
    rollingCountBuckets: 10,
    resetTimeout: breakerOptions.resetTimeoutMs,
    rollingPercentilesEnabled: false,
    enableSnapshots: false,
    errorFilter: (err: Error) => !(err instanceof CountedFailure),
  });

  const emit = (event: UpstreamEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // An observer's failure must never fail a call.
      }
    }
  };
  const state = (): BreakerState => (breaker.opened ? 'open' : breaker.halfOpen ? 'halfOpen' : 'closed');
  const moved = (): void => {
    since = new Date();
    emit({ type: 'breaker', source, state: state() });
  };
  breaker.on('open', moved);
  breaker.on('halfOpen', moved);
  breaker.on('close', moved);

  const shuttingDown = (): GatewayError => new GatewayError('UPSTREAM_UNAVAILABLE', `${source} is shutting down`, { source, reason: 'SHUTDOWN' });

  function refusal(current: BreakerState): GatewayError {
    rejected.breakerOpen += 1;
    emit({ type: 'rejected', source, code: 'UPSTREAM_UNAVAILABLE', reason: 'BREAKER_OPEN' });
    const message =
      current === 'halfOpen'
        ? `${source} is failing: a trial call is testing whether it has recovered, and other calls fail at once until it has`
        : `${source} is failing: its circuit breaker opened at ${since.toISOString()} after too many failed calls, and calls fail at once until a trial call succeeds (the next one ${Math.round(breakerOptions.resetTimeoutMs / 1000)} s after it opened)`;
    return new GatewayError('UPSTREAM_UNAVAILABLE', message, { source, breaker: current });
  }

  async function attemptOnce<T>(call: UpstreamCall<T>, deadline: number, retry: boolean): Promise<AttemptResult<T>> {
    if (closed) throw shuttingDown();
    if (breaker.opened) throw refusal('open');
    let release: () => void;
    try {
      release = await limiter.acquire(deadline);
    } catch (err) {
      if (isGatewayError(err) && (err.extensions.reason === 'OVERLOADED' || err.extensions.reason === 'QUEUED')) {
        const reason = err.extensions.reason;
        rejected[reason === 'OVERLOADED' ? 'overloaded' : 'queued'] += 1;
        emit({ type: 'rejected', source, code: err.code, reason });
      }
      throw err;
    }
    const started = performance.now();
    try {
      const result = (await breaker
        .fire(async () => {
          const outcome = await call.attempt(Math.max(1, deadline - Date.now()));
          if (isSourceFailure(outcome)) throw new CountedFailure(outcome);
          return outcome;
        })
        .catch((err: unknown) => {
          if (err instanceof CountedFailure) return err.result as AttemptResult<unknown>;
          if (err instanceof Error && CircuitBreaker.isOurError(err)) throw refusal(breaker.halfOpen ? 'halfOpen' : 'open');
          throw err;
        })) as AttemptResult<T>;
      const failure = isSourceFailure(result);
      emit({
        type: 'attempt',
        source,
        outcome: failure ? 'failure' : result.ok ? 'success' : 'error',
        code: failure ? (result.ok ? 'UPSTREAM_UNAVAILABLE' : codeOf(result.error)) : result.ok ? null : codeOf(result.error),
        durationMs: performance.now() - started,
        retry,
      });
      return result;
    } finally {
      release();
    }
  }

  /** How long to wait before retry number `retry`, or null when the source asked for longer than we wait. */
  function delayBefore(retry: number, result: AttemptResult<unknown>): number | null {
    const backoff = backoffDelay(retry, retries);
    if (result.status !== 429 && result.status !== 503) return backoff;
    const asked = parseRetryAfter(result.retryAfter);
    if (asked === null) return backoff;
    return asked > retries.maxRetryAfterMs ? null : Math.max(backoff, asked);
  }

  async function run<T>(call: UpstreamCall<T>): Promise<T> {
    active += 1;
    try {
      return await attempts(call);
    } finally {
      active -= 1;
    }
  }

  async function attempts<T>(call: UpstreamCall<T>): Promise<T> {
    const deadline = Date.now() + call.timeoutMs;
    let result = await attemptOnce(call, deadline, false);
    for (let retry = 0; call.idempotent && retry < retries.count && (isSourceFailure(result) || result.status === 429); retry++) {
      const wait = delayBefore(retry, result);
      if (wait === null || Date.now() + wait >= deadline || breaker.opened) break;
      await sleep(wait);
      try {
        result = await attemptOnce(call, deadline, true);
      } catch (err) {
        // Refused before reaching the source: the caller learns what the source last said.
        if (isGatewayError(err) && (err.extensions.breaker !== undefined || err.extensions.reason !== undefined)) break;
        throw err;
      }
    }
    if (result.ok) return result.value;
    throw result.error;
  }

  return {
    source,
    options: resolved,
    execute<T>(call: UpstreamCall<T>): Promise<T> {
      if (closed) return Promise.reject(shuttingDown());
      const { key } = call;
      if (key === null || !resolved.dedupe) return run(call);
      const joined = inFlight.get(key);
      if (joined) {
        emit({ type: 'shared', source });
        return joined as Promise<T>;
      }
      const running = run(call);
      inFlight.set(key, running);
      const forget = (): void => {
        if (inFlight.get(key) === running) inFlight.delete(key);
      };
      running.then(forget, forget);
      return running;
    },
    state,
    snapshot() {
      const stats = breaker.stats;
      return {
        state: state(),
        since: since.toISOString(),
        window: { ms: breakerOptions.windowMs, calls: stats.successes + stats.failures, failures: stats.failures },
        rejected: { ...rejected },
        active,
        inFlight: limiter.inFlight,
        queued: limiter.queued,
        sharedCalls: inFlight.size,
      };
    },
    observe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      limiter.close();
      breaker.shutdown();
      listeners.clear();
    },
  };
}

/**
 * Whether an attempt counts against the source: the transport failed or the deadline passed
 * (UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT before any answer), or it answered 5xx and
 * reading the answer did not find the source's own error in it.
 */
function isSourceFailure(result: AttemptResult<unknown>): boolean {
  const sourceFailure = !result.ok && isGatewayError(result.error) && SOURCE_FAILURE_CODES.has(result.error.code);
  if (result.status === undefined) return sourceFailure;
  if (result.status < 500) return false;
  return result.ok || sourceFailure || !isGatewayError(result.error);
}

function codeOf(error: unknown): ErrorCode {
  return isGatewayError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
