import { GatewayError } from '../../src/errors';
import type { HttpResponse } from '../kit';

/**
 * Turns a one-stop system's HTTP error status into a catalogue error, the same for every
 * dialect: 401/403 → UPSTREAM_AUTH_FAILED, 5xx → UPSTREAM_UNAVAILABLE, any other non-2xx →
 * UPSTREAM_ERROR with the vendor's status (and the first bytes of its message).
 */
export function assertVendorHttpOk(res: HttpResponse, source: string): void {
  if (res.status >= 200 && res.status < 300) return;
  const snippet = res.text().slice(0, 160);
  if (res.status === 401 || res.status === 403) {
    throw new GatewayError('UPSTREAM_AUTH_FAILED', `${source} refused the gateway's credentials (HTTP ${res.status})`, { source, upstreamCode: res.status });
  }
  const code = res.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_ERROR';
  throw new GatewayError(code, `${source} answered HTTP ${res.status}: ${snippet}`, { source, upstreamCode: res.status });
}
