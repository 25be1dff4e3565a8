import type { Resilience, ResilienceSnapshot } from './create-resilience';

/** What `/readyz` reports for one source. */
export interface ReadyReport {
  source: string;
  kind: string;
  /** The probe answered and the source's breaker is not open. */
  ok: boolean;
  latencyMs: number;
  /** A catalogue code and message when not ok. */
  error?: { code: string; message: string };
  /** Source-specific facts worth showing an operator (e.g. catalogue size, last refresh). */
  details?: Record<string, unknown>;
  /** The source's circuit breaker (`closed`, `open`, `halfOpen`), its rolling window and its load, after the probe. */
  breaker?: ResilienceSnapshot;
}

/**
 * The little every connector has in common. Each connector adds its own typed read and
 * write methods; the gateway only needs these to check, observe and stop them.
 */
export interface Connector {
  /** The configured source name, e.g. `national-procedures` or `province-h56`. */
  readonly name: string;
  /** The connector kind, e.g. `national-procedures`, `one-stop/igate`. */
  readonly kind: string;
  /** The source's resilience layer (one per source, whatever the number of its HTTP clients): breaker state, load, events for metrics. */
  readonly resilience: Resilience;
  /** Makes one cheap authenticated call to the source and reports how it went. */
  checkReady(): Promise<ReadyReport>;
  close(): Promise<void>;
}
