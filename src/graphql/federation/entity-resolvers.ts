import type { GraphQLResolveInfo } from 'graphql';
import { GatewayError } from '../../errors';
import type { GatewayContext } from '../context';
import { agencyQueries } from '../resolvers/agency-resolvers';
import { documentQueries } from '../resolvers/document-resolvers';
import { dossierQueries } from '../resolvers/dossier-resolvers';
import { needScope } from '../authorize';
import { callResolver } from './call-resolver';

/** Asynchronous, so that a bad representation fails its own place in `_entities`, never its neighbours. */
type ResolveReference = (reference: Record<string, unknown>, ctx: GatewayContext, info: GraphQLResolveInfo) => Promise<unknown>;

/**
 * `__resolveReference` of each entity (schema/federation.graphql): a representation a
 * router sends in `_entities` answers exactly as the root field reading that entity by its
 * key would, for the principal of the request that carries it (the router forwards the
 * caller's bearer token): `procedures:read` for procedures and agencies (a procedure read
 * from the catalogue first, as a dossier's procedure is, so that a batch of them costs the
 * national database nothing it has not been asked already), `dossiers:read`
 * and jurisdiction for dossiers (another's answers null, as if it did not exist; personal
 * data masked without `pii:read`, by the same schema directives), `documents:read` and
 * the holder's jurisdiction for document copies. `_entities` is never a lookup around them.
 */
export const entityResolvers: Record<'Procedure' | 'Agency' | 'Dossier' | 'Document', { __resolveReference: ResolveReference }> = {
  Procedure: {
    async __resolveReference(ref, ctx) {
      needScope(ctx, 'procedures:read');
      const code = keyOf(ref, 'Procedure', 'code');
      const national = ctx.sources.nationalProcedures.toNationalCode(code);
      if (national === null) throw new GatewayError('BAD_USER_INPUT', `a Procedure representation's "code" must be a national procedure code such as 1.001612; got ${JSON.stringify(code.slice(0, 60))}`);
      return ctx.loaders.procedure.load(national);
    },
  },
  Agency: { __resolveReference: async (ref, ctx, info) => callResolver(agencyQueries.agency, {}, { code: keyOf(ref, 'Agency', 'code') }, ctx, info) },
  Dossier: { __resolveReference: async (ref, ctx, info) => callResolver(dossierQueries.dossier, {}, { code: keyOf(ref, 'Dossier', 'code') }, ctx, info) },
  Document: { __resolveReference: async (ref, ctx, info) => callResolver(documentQueries.document, {}, { id: keyOf(ref, 'Document', 'id') }, ctx, info) },
};

/** The key field of a representation; a representation is client input (`_Any`), so its shape is checked. */
function keyOf(reference: Record<string, unknown>, type: string, field: string): string {
  const value = reference[field];
  if (typeof value !== 'string' || value === '') {
    throw new GatewayError('BAD_USER_INPUT', `a ${type} representation must carry its key "${field}" as a non-empty string; got ${JSON.stringify(value ?? null)?.slice(0, 60)}`);
  }
  return value;
}
