import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getVariableValues, Kind, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { GatewayError } from '../errors';
import { listSizeRefusal } from './list-size-limits';
import { operationCost } from './operation-cost';
import { queryLimitExceeded, type QueryLimitName } from './query-limit-exceeded';

/** Limits on what one GraphQL request may ask for. */
export interface QueryLimits {
  /** Deepest selection nesting. @default 10 */
  maxDepth: number;
  /** Aliases in one operation (alias bombs). @default 15 */
  maxAliases: number;
  /** Tokens in the document (huge documents), counted by the parser. @default 2000 */
  maxTokens: number;
  /** Estimated cost with the request's variables (see `operationCost`). @default 20000 */
  maxCost: number;
  /** Directives in one operation. @default 50 */
  maxDirectives: number;
}

/**
 * The request-shape protections, as one Apollo plugin that decides at
 * `didResolveOperation`: after the document is parsed (the token limit, `token-limit.ts`)
 * and found valid, before anything executes, for every request, including one that runs a
 * persisted query or a document Apollo has cached. In order:
 *
 * 1. depth, aliases and directives of the document (graphql-armor's rules);
 * 2. the `@limit` caps of the schema on argument values (`list-size-limits.ts`);
 * 3. the cost with the request's variables (`operation-cost.ts`).
 *
 * The first limit exceeded refuses the request with one QUERY_LIMIT_EXCEEDED error (HTTP
 * 400) whose `extensions.limit` names it (`maxDepth`, `maxAliases`, `maxDirectives`,
 * `listSize`, `maxCost`) and whose message states the limit and what arrived; the audit
 * plugin records it under that code. Variables that do not coerce are left to execution,
 * which refuses them with BAD_USER_INPUT before running anything.
 */
export function useQueryLimits(limits: QueryLimits): ApolloServerPlugin {
  const check = createQueryLimitCheck(limits);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const refused = check(schema, document, operation, request.variables ?? {});
          if (refused) throw refused;
        },
      };
    },
  };
}

/**
 * The checks of `useQueryLimits` as one function, for operations that do not go through
 * Apollo (subscriptions over WebSocket): the refusal of the first limit a valid document's
 * operation exceeds with `variables`, or null.
 */
export function createQueryLimitCheck(limits: QueryLimits): (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>) => GatewayError | null {
  const documentRefusal = documentLimits(limits);
  const verdicts = variableVerdicts();
  const judge = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): Verdict => {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
    if (coerced.errors) return null;
    const input = { schema, operation, fragments: fragmentsOf(document), variables: coerced.coerced };
    const tooLong = listSizeRefusal(input);
    if (tooLong) return { limit: tooLong.extensions.limit as QueryLimitName, message: tooLong.message, extensions: tooLong.extensions };
    const cost = operationCost(input);
    if (cost > limits.maxCost) return { limit: 'maxCost', message: `Query cost limit of ${limits.maxCost} exceeded, found ${Math.round(cost * 100) / 100}.`, extensions: {} };
    return null;
  };
  return (schema, document, operation, variables) => {
    const refused = documentRefusal(schema, document);
    if (refused) return refused;
    const verdict = verdicts(operation, variables, (v) => judge(schema, document, operation, v));
    return verdict && queryLimitExceeded(verdict.limit, verdict.message, verdict.extensions);
  };
}

/** A refusal by the request's variables, kept as what rebuilds it; null when the request passes (or leaves its variables to execution). */
type Verdict = { limit: QueryLimitName; message: string; extensions: Record<string, unknown> } | null;

/** Variables longer than this (as JSON) are judged every time, never kept: an upload's content is no key. */
const MAX_KEPT_VARIABLES = 1024;
/** Variable sets kept per operation; when full, they are forgotten and kept anew. */
const KEPT_PER_OPERATION = 256;

/**
 * The list-size and cost verdicts depend only on the operation (Apollo hands the same
 * parsed object again for a document it has cached) and the variables: a dashboard asking
 * the same page again and again is judged once. Bounded per operation and by key length.
 */
function variableVerdicts() {
  const kept = new WeakMap<OperationDefinitionNode, Map<string, Verdict>>();
  return (operation: OperationDefinitionNode, variables: Record<string, unknown>, judge: (variables: Record<string, unknown>) => Verdict): Verdict => {
    const key = keyOf(operation, variables);
    if (key === null) return judge(variables);
    let byVariables = kept.get(operation);
    if (!byVariables) kept.set(operation, (byVariables = new Map()));
    const known = byVariables.get(key);
    if (known !== undefined) return known;
    const verdict = judge(variables);
    if (byVariables.size >= KEPT_PER_OPERATION) byVariables.clear();
    byVariables.set(key, verdict);
    return verdict;
  };
}

/**
 * Depth, aliases and directives through graphql-armor's validation rules, run by this
 * plugin after Apollo's validation rather than within it: a valid document over a limit
 * gets one error with its own code (an invalid one gets its validation errors, as any
 * invalid document; the token limit has already bounded what validation costs). These
 * depend on the document only, so the verdict is kept per parsed document (Apollo hands
 * the same object again for a document it has cached).
 */
function documentLimits({ maxDepth, maxAliases, maxDirectives }: QueryLimits) {
  const reportAs = (limit: QueryLimitName) => ({
    propagateOnRejection: false,
    onReject: [(context: { reportError(error: GraphQLError): void } | null, error: GraphQLError) => context?.reportError(queryLimitExceeded(limit, error.message.replace(/^Syntax Error: /, '')))],
  });
  const { validationRules } = new ApolloArmor({
    // Depth is the nesting of fields: a fragment spread is not a level of its own.
    maxDepth: { n: maxDepth, flattenFragments: true, ...reportAs('maxDepth') },
    maxAliases: { n: maxAliases, ...reportAs('maxAliases') },
    maxDirectives: { n: maxDirectives, ...reportAs('maxDirectives') },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect() as { validationRules: ValidationRule[] };
  const verdicts = new WeakMap<DocumentNode, { limit: QueryLimitName; message: string } | null>();
  return (schema: GraphQLSchema, document: DocumentNode): GatewayError | null => {
    let verdict = verdicts.get(document);
    if (verdict === undefined) {
      const refusal = validate(schema, document, validationRules).find((e): e is GatewayError => e instanceof GatewayError);
      verdict = refusal ? { limit: refusal.extensions.limit as QueryLimitName, message: refusal.message } : null;
      verdicts.set(document, verdict);
    }
    return verdict && queryLimitExceeded(verdict.limit, verdict.message);
  };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

/**
 * The values of the variables the operation declares, as JSON, in declaration order (others
 * never reach coercion, so they cannot change a verdict); null when that is too long to
 * keep or has no JSON form (nested too deep to serialize: such a request is judged, not kept).
 */
function keyOf(operation: OperationDefinitionNode, variables: Record<string, unknown>): string | null {
  const declared = operation.variableDefinitions ?? [];
  if (declared.length === 0) return '';
  try {
    // An absent variable (its default applies) is `-`, which no JSON value is.
    const key = declared.map((d) => (Object.hasOwn(variables, d.variable.name.value) ? JSON.stringify(variables[d.variable.name.value]) : '-')).join(',');
    return key.length > MAX_KEPT_VARIABLES ? null : key;
  } catch {
    return null;
  }
}
