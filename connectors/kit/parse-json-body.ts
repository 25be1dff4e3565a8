import { GatewayError } from '../../src/errors';
import type { HttpResponse } from './http-client';

/**
 * Parses a response body as JSON (a leading UTF-8 byte order mark, which .NET services
 * write and JSON.parse refuses, is dropped), or raises UPSTREAM_BAD_RESPONSE naming the source and
 * showing the first bytes that arrived (never more than 120 characters of them).
 */
export function parseJsonBody(res: HttpResponse, source: string): unknown {
  const text = res.text().replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new GatewayError(
      'UPSTREAM_BAD_RESPONSE',
      `${source} answered HTTP ${res.status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 120))}`,
      { source, upstreamCode: res.status },
      err,
    );
  }
}
