import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Names the request's span (`traceRequests`) after its GraphQL operation, as OpenTelemetry's
 * GraphQL conventions do (`query BothProvinces`), with `graphql.operation.type` and
 * `graphql.operation.name` (never the document or its variables, which can hold personal
 * data), and records the catalogue codes of the errors it answered with
 * (`lienthong.error_codes`), an error status when it answered none of its data.
 * Put it first among the plugins, so that a refused operation is named too.
 */
export function useOperationTracing(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span?.isRecording()) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          span.setAttributes({ 'graphql.operation.type': operation.operation, ...(operationName && { 'graphql.operation.name': operationName }) });
          span.updateName(operationName ? `${operation.operation} ${operationName}` : operation.operation);
        },
        async willSendResponse({ response, errors }) {
          if (!errors || errors.length === 0) return;
          span.setAttribute('lienthong.error_codes', [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))]);
          const single = response.body.kind === 'single' ? response.body.singleResult : null;
          if (!single?.data) span.setStatus({ code: SpanStatusCode.ERROR, message: 'no data' });
        },
      };
    },
  };
}
