import { ApolloArmor } from '@escape.tech/graphql-armor';

/** Limits on what one GraphQL request may ask for. */
export interface QueryLimits {
  /** Deepest selection nesting. @default 10 */
  maxDepth: number;
  /** Aliases in one operation (alias bombs). @default 15 */
  maxAliases: number;
  /** Tokens in the document (huge documents), counted before parsing. @default 2000 */
  maxTokens: number;
  /** Estimated cost (objects 2, scalars 1, times 1.5 per level). @default 20000 */
  maxCost: number;
  /** Directives in one operation. @default 50 */
  maxDirectives: number;
}

/** graphql-armor states every refusal as "<what> limit of N exceeded, found M." */
const ARMOR_REFUSAL = /^(?:Syntax Error: )?(Query depth|Aliases|Directives|Query Cost) limit of \d+ exceeded, found \d+\.$/;
const LIMIT_NAMES: Record<string, string> = { 'Query depth': 'maxDepth', Aliases: 'maxAliases', Directives: 'maxDirectives', 'Query Cost': 'maxCost' };

/**
 * Which limit a refusal message reports, or null. Apollo re-wraps validation errors and
 * drops their extensions, so the message (which graphql-armor words the same way for
 * every limit) is the one thing that survives to the error formatter.
 */
export function limitOfRefusal(message: string): string | null {
  const match = ARMOR_REFUSAL.exec(message);
  return match ? (LIMIT_NAMES[match[1] as string] ?? null) : null;
}

/**
 * The request-shape protections: depth, aliases, cost and directives through
 * graphql-armor's validation rules (tokens are counted before Apollo, in token-limit.ts).
 * Refusals state the limit and what arrived, and reach clients as QUERY_LIMIT_EXCEEDED. Field
 * suggestions ("Did you mean …?") are blocked outside development, so the schema cannot be
 * guessed field by field with introspection off. Batched HTTP requests stay disabled
 * (Apollo's default).
 */
export function createQueryLimits(limits: QueryLimits, mode: 'development' | 'production') {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: mode === 'production' },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules };
}
