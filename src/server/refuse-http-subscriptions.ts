import type { ApolloServerPlugin } from '@apollo/server';
import { GatewayError } from '../errors';
import { SUBSCRIPTION_PATH } from './subscription-route';

/**
 * Subscriptions are served over WebSocket only (`/graphql/ws`): sent to POST or GET
 * /graphql, Apollo would run one as a query, and its resolver, which expects an event,
 * would fail as an internal error. So the operation resolved to a subscription is refused
 * with BAD_REQUEST (400, audited), before the query limits. (One whose root carries
 * `@skip`/`@include` is refused before Apollo validates it: `conditionalSubscriptionRoot`
 * in the /graphql route.)
 */
export function useHttpSubscriptionRefusal(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GatewayError('BAD_REQUEST', `Subscriptions are served over WebSocket at ${SUBSCRIPTION_PATH} (the graphql-ws protocol); send queries and mutations here.`, { http: { status: 400 } });
        },
      };
    },
  };
}
