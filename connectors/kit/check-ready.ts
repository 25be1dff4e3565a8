import { isGatewayError } from '../../src/errors';
import type { ReadyReport } from './connector';
import type { Resilience } from './create-resilience';

/**
 * Times `probe` and turns its outcome into a ReadyReport; never throws. With the source's
 * resilience layer, the report carries its breaker, and is not ok while the breaker is
 * open (the probe then fails at once without reaching the source; a half-open breaker
 * lets the probe through as its trial call).
 */
export async function checkReady(
  source: string,
  kind: string,
  probe: () => Promise<Record<string, unknown> | void>,
  resilience?: Resilience,
): Promise<ReadyReport> {
  const started = performance.now();
  let report: ReadyReport;
  try {
    const details = (await probe()) ?? undefined;
    report = { source, kind, ok: true, latencyMs: Math.round(performance.now() - started), details };
  } catch (err) {
    const code = isGatewayError(err) ? err.code : 'INTERNAL_SERVER_ERROR';
    const message = err instanceof Error ? err.message : String(err);
    report = { source, kind, ok: false, latencyMs: Math.round(performance.now() - started), error: { code, message } };
  }
  if (!resilience) return report;
  const breaker = resilience.snapshot();
  if (breaker.state === 'open' && report.ok) {
    report = { ...report, ok: false, error: { code: 'UPSTREAM_UNAVAILABLE', message: `${source}'s circuit breaker is open since ${breaker.since}` } };
  }
  return { ...report, breaker };
}
