import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema, type SubgraphProvince } from './federation';
import { usePiiMasking } from './pii/use-pii-masking';
import { resolvers } from './resolvers';

/** SDL files read only when the schema is served as a federation subgraph. */
const FEDERATION_FILE = 'federation.graphql';

/** The folder of SDL files, the schema's source of truth. Found from here in src and dist alike. */
export function schemaDir(): string {
  for (const candidate of [path.join(__dirname, '../../schema'), path.join(__dirname, '../../../schema')]) {
    try {
      readdirSync(candidate);
      return candidate;
    } catch {
      // try the next layout
    }
  }
  throw new Error(`schema/ not found near ${__dirname}`);
}

/** Every `.graphql` file of schema/ in name order, but schema/federation.graphql, with its name. */
export function readTypeDefFiles(): Array<{ file: string; sdl: string }> {
  const dir = schemaDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql') && f !== FEDERATION_FILE)
    .sort()
    .map((file) => ({ file, sdl: readFileSync(path.join(dir, file), 'utf8') }));
}

/** Reads every `.graphql` file of schema/ in name order, but schema/federation.graphql. */
export function readTypeDefs(): string[] {
  return readTypeDefFiles().map((f) => f.sdl);
}

/** schema/federation.graphql: the link to Federation 2, the entity keys, `Province`. */
export function readFederationTypeDefs(): string {
  return readFileSync(path.join(schemaDir(), FEDERATION_FILE), 'utf8');
}

export interface BuildSchemaOptions {
  /**
   * Serve the schema as an Apollo Federation 2 subgraph (`server.federation`), with one
   * `province<Code>` root field per configured province. @default the plain schema
   */
  federation?: { provinces: readonly SubgraphProvince[] };
}

/** The executable schema: schema/ SDL with the resolvers and the `@pii` masking; fails at start if they disagree. */
export function buildSchema({ federation }: BuildSchemaOptions = {}): GraphQLSchema {
  // Built plain in either mode: the check that resolvers and SDL agree runs here.
  const plain = makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers, resolverValidationOptions: { requireResolversToMatchSchema: 'error' } });
  if (!federation) return usePiiMasking(plain);
  return usePiiMasking(buildSubgraphSchema({ typeDefs: readTypeDefs(), federationTypeDefs: readFederationTypeDefs(), resolvers, provinces: federation.provinces }));
}
