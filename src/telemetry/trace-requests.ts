import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const spans = new WeakMap<FastifyRequest, Span>();

/**
 * A SERVER span for every HTTP request, from its first hook to its response: continuing
 * the caller's trace when the request carries a W3C `traceparent`, else starting one, and
 * made the active span for everything the request runs (authentication, the GraphQL
 * operation, the upstream calls it makes, which become its children). Attributes: method,
 * route, path (never the query string, which can hold a GraphQL query and its variables),
 * request id, response status; an error status from 500 on. Register it before any other
 * hook, so that they all run inside the span.
 */
export function traceRequests(app: FastifyInstance, tracer: Tracer): void {
  app.addHook('onRequest', (req, _reply, done) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const route = req.routeOptions.url;
    const span = tracer.startSpan(
      `${req.method} ${route ?? 'unrouted'}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'url.path': req.url.split('?')[0],
          ...(route && { 'http.route': route }),
          'lienthong.request_id': req.id,
        },
      },
      parent,
    );
    spans.set(req, span);
    // `done` runs the rest of the request (every later hook and the handler) inside the span's context.
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('onResponse', (req, reply, done) => {
    const span = spans.get(req);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${reply.statusCode}` });
      span.end();
    }
    done();
  });
  app.addHook('onRequestAbort', (req, done) => {
    const span = spans.get(req);
    if (span) {
      span.setAttribute('error.type', 'aborted');
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'the client went away' });
      span.end();
    }
    done();
  });
}
