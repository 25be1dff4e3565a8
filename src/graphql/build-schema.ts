import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { usePiiMasking } from './pii/use-pii-masking';
import { resolvers } from './resolvers';

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

/** Reads every `.graphql` file of schema/ in name order. */
export function readTypeDefs(): string[] {
  const dir = schemaDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/** The executable schema: schema/ SDL with the resolvers and the `@pii` masking; fails at start if they disagree. */
export function buildSchema(): GraphQLSchema {
  return usePiiMasking(makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers, resolverValidationOptions: { requireResolversToMatchSchema: 'error' } }));
}
