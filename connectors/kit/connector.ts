/** What `/readyz` reports for one source. */
export interface ReadyReport {
  source: string;
  kind: string;
  ok: boolean;
  latencyMs: number;
  /** A catalogue code and message when not ok. */
  error?: { code: string; message: string };
  /** Source-specific facts worth showing an operator (e.g. catalogue size, last refresh). */
  details?: Record<string, unknown>;
}

/**
 * The little every connector has in common. Each connector adds its own typed read and
 * write methods; the gateway only needs these to check and stop them.
 */
export interface Connector {
  /** The configured source name, e.g. `national-procedures` or `province-h56`. */
  readonly name: string;
  /** The connector kind, e.g. `national-procedures`, `one-stop/igate`. */
  readonly kind: string;
  /** Makes one cheap authenticated call to the source and reports how it went. */
  checkReady(): Promise<ReadyReport>;
  close(): Promise<void>;
}
