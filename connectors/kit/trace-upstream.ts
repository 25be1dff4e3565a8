import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/** The instrumentation scope of upstream spans. */
const TRACER_NAME = 'lienthong/connectors-kit';

/** One attempt of an upstream call, as its span describes it. */
export interface UpstreamAttempt {
  /** The configured source name. */
  source: string;
  method: string;
  /** `http://host:port` of the source. */
  origin: string;
  /** Path below the origin; a query string is left out of the span (it may carry credentials). */
  path: string;
}

/**
 * Sends one attempt of an upstream call inside an OpenTelemetry CLIENT span, child of the
 * span active where the call was made (the GraphQL request's; none for background work
 * such as a sync pass), and adds that span's W3C trace context (`traceparent`,
 * `tracestate`) to the request's headers, so the source's own traces join ours.
 *
 * Uses the OpenTelemetry API only: until the gateway registers a tracer provider and a
 * propagator (`telemetry.enabled`), the span is the API's no-op and nothing is added to the
 * headers. The span records the source, method, server, path, the response status (an
 * error from 500 on) and, for a failed attempt, the catalogue code it failed with.
 */
export async function traceUpstreamAttempt<T extends { status: number }>(attempt: UpstreamAttempt, headers: Record<string, string>, send: (headers: Record<string, string>) => Promise<T>): Promise<T> {
  const span = trace.getTracer(TRACER_NAME).startSpan(`${attempt.method} ${attempt.source}`, { kind: SpanKind.CLIENT });
  // Only a recorded span is worth the URL parsing (telemetry off, or this trace not sampled: none is).
  if (span.isRecording()) {
    const url = new URL(attempt.path, attempt.origin);
    span.setAttributes({
      'lienthong.source': attempt.source,
      'http.request.method': attempt.method,
      'server.address': url.hostname,
      'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      'url.path': url.pathname,
    });
  }
  const active = trace.setSpan(context.active(), span);
  const traced = { ...headers };
  propagation.inject(active, traced);
  try {
    const res = await context.with(active, () => send(traced));
    span.setAttribute('http.response.status_code', res.status);
    if (res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.status}` });
    return res;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    span.setAttribute('error.type', typeof code === 'string' ? code : 'UNKNOWN');
    span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : undefined });
    throw error;
  } finally {
    span.end();
  }
}
