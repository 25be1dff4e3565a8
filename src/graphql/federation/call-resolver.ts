import type { GraphQLResolveInfo } from 'graphql';
import type { Resolver } from '../../generated/graphql';
import type { GatewayContext } from '../context';

/**
 * Runs one of the schema's own resolvers (a function or `{ resolve }`) with the given
 * arguments: how the federation fields answer exactly as the root fields they stand for,
 * with the same scope, jurisdiction and loaders.
 */
export function callResolver<TResult, TParent, TArgs>(
  resolver: Resolver<TResult, TParent, GatewayContext, TArgs> | undefined,
  parent: TParent,
  args: TArgs,
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): Promise<TResult> | TResult {
  if (!resolver) throw new Error('callResolver: the schema has no resolver for this field; the federation layer and the resolvers disagree');
  return typeof resolver === 'function' ? resolver(parent, args, ctx, info) : resolver.resolve(parent, args, ctx, info);
}
