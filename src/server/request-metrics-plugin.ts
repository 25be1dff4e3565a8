import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST } from 'graphql';
import type { GatewayContext } from '../graphql/context';
import type { GatewayMetrics, RequestOutcome } from '../metrics';

/**
 * Records every GraphQL request in the metrics as it leaves: its operation name and type
 * (from its document once it parsed, even when validation refused it; `unknown` type for
 * a document that did not parse), its outcome as the audit log judges it (success: no errors; error: errors beside data;
 * rejected: no data — refused before or by execution), and the time since Apollo received
 * it. Without metrics, it does nothing.
 */
export function useRequestMetrics(metrics: GatewayMetrics | undefined): ApolloServerPlugin<GatewayContext> {
  if (!metrics) return {};
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      let type: string | null = null;
      let operationName = request.operationName ?? null;
      return {
        async didResolveOperation({ operation }) {
          type = operation?.operation ?? null;
          operationName = operation?.name?.value ?? operationName;
        },
        async willSendResponse({ response, document }) {
          // A document refused by validation was never resolved, but it parsed: its operation still has a name and a type.
          if (type === null && document) {
            const operation = getOperationAST(document, request.operationName);
            type = operation?.operation ?? null;
            operationName = operation?.name?.value ?? operationName;
          }
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const errors = body?.errors ?? [];
          const hasData = body?.data !== undefined && body?.data !== null;
          const outcome: RequestOutcome = errors.length === 0 ? 'success' : hasData ? 'error' : 'rejected';
          metrics.recordRequest({ operationName, type, outcome, seconds: (performance.now() - started) / 1000 });
        },
      };
    },
  };
}
