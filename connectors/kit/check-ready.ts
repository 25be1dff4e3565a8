import { isGatewayError } from '../../src/errors';
import type { ReadyReport } from './connector';

/** Times `probe` and turns its outcome into a ReadyReport; never throws. */
export async function checkReady(
  source: string,
  kind: string,
  probe: () => Promise<Record<string, unknown> | void>,
): Promise<ReadyReport> {
  const started = performance.now();
  try {
    const details = (await probe()) ?? undefined;
    return { source, kind, ok: true, latencyMs: Math.round(performance.now() - started), details };
  } catch (err) {
    const code = isGatewayError(err) ? err.code : 'INTERNAL_SERVER_ERROR';
    const message = err instanceof Error ? err.message : String(err);
    return { source, kind, ok: false, latencyMs: Math.round(performance.now() - started), error: { code, message } };
  }
}
