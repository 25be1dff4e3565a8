import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../graphql/context';

/**
 * Sends the source failures a request survived (data served stale, a source left out) in
 * the response's `errors`, next to the data they qualify, so a client sees both the
 * answer and why it may be incomplete. Each warning carries its catalogue code and source.
 */
export function useSourceWarnings(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || contextValue.warnings.length === 0) return;
          const warnings = contextValue.warnings.map((w) => ({ message: w.message, extensions: { ...w.extensions } }));
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...warnings];
        },
      };
    },
  };
}
