import { buildSubgraphSchema as buildApolloSubgraphSchema } from '@apollo/subgraph';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from '../../generated/graphql';
import { entityResolvers } from './entity-resolvers';
import { provinceResolvers } from './province-resolvers';
import { subgraphTypeDefs, type SubgraphProvince } from './subgraph-type-defs';

/**
 * Most representations one `_entities` request may carry, as `@limit` caps a page: a router
 * asks for the entities one page of results refers to (at most 100 results, a few each).
 */
export const MAX_REPRESENTATIONS = 500;

/** The resolver map `@apollo/subgraph` takes, which its package does not export by name. */
type SubgraphResolvers = Extract<Parameters<typeof buildApolloSubgraphSchema>[0], { resolvers?: unknown }>['resolvers'];

export interface SubgraphSchemaOptions {
  /** The plain schema's SDL files (schema/*.graphql). */
  typeDefs: readonly string[];
  /** schema/federation.graphql. */
  federationTypeDefs: string;
  /** The plain schema's resolvers. */
  resolvers: Resolvers;
  /** The configured provinces, one `province<Code>` root field each. */
  provinces: readonly SubgraphProvince[];
}

/**
 * The gateway's schema as an Apollo Federation 2 subgraph (`@apollo/subgraph`): the plain
 * schema and its resolvers, the entities' `__resolveReference`, the province fields, and
 * `_service` / `_entities`, whose `representations` carry a `@limit` (through the field's
 * extensions, as the query limits read it) so that one request cannot ask for more.
 * Masking (`@pii`) is applied by the caller, as on the plain schema.
 */
export function buildSubgraphSchema({ typeDefs, federationTypeDefs, resolvers, provinces }: SubgraphSchemaOptions): GraphQLSchema {
  const province = provinceResolvers(provinces);
  const { Subscription: _subscriptions, ...withoutSubscriptions } = resolvers;
  const merged = {
    ...withoutSubscriptions,
    Query: { ...resolvers.Query, ...province.Query },
    Province: province.Province,
    Procedure: { ...resolvers.Procedure, ...entityResolvers.Procedure },
    Agency: { ...resolvers.Agency, ...entityResolvers.Agency },
    Dossier: { ...resolvers.Dossier, ...entityResolvers.Dossier },
    Document: { ...resolvers.Document, ...entityResolvers.Document },
  } as unknown as SubgraphResolvers;
  const schema = buildApolloSubgraphSchema({ typeDefs: subgraphTypeDefs(typeDefs, federationTypeDefs, provinces), resolvers: merged });
  const queryType = schema.getQueryType()?.name;
  return mapSchema(schema, {
    [MapperKind.ARGUMENT]: (argument, fieldName, typeName) =>
      typeName === queryType && fieldName === '_entities' ? { ...argument, extensions: { ...argument.extensions, directives: { limit: [{ max: MAX_REPRESENTATIONS }] } } } : argument,
  });
}
