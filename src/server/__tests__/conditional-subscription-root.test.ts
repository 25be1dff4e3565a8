import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { conditionalSubscriptionRoot } from '../conditional-subscription-root';

const refusalOf = (query: string) => conditionalSubscriptionRoot(parse(query))?.message ?? null;

describe('subscriptions whose root selection @skip or @include may leave out', () => {
  it('are refused with the directive on the root field, directly, in an inline fragment or in a named one', () => {
    const refusal = 'Subscription "S" must not use "@skip" or "@include" directives in the top level selection.';
    expect(refusalOf(/* GraphQL */ `subscription S { changed @skip(if: true) { id } }`)).toBe(refusal);
    expect(refusalOf(/* GraphQL */ `subscription S($on: Boolean = false) { ... on Subscription { changed @include(if: $on) { id } } }`)).toBe(refusal);
    expect(refusalOf(/* GraphQL */ `subscription S { ...F } fragment F on Subscription { changed @skip(if: false) { id } }`)).toBe(refusal);
    expect(refusalOf(/* GraphQL */ `subscription S { ...F @include(if: true) } fragment F on Subscription { changed { id } }`)).toBe(refusal);
    expect(refusalOf(/* GraphQL */ `query Q { ok } subscription S { changed @skip(if: true) { id } }`)).toBe(refusal);
    expect(conditionalSubscriptionRoot(parse(/* GraphQL */ `subscription { changed @skip(if: true) { id } }`))?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('are not what the directives below the root, or in queries, make', () => {
    expect(refusalOf(/* GraphQL */ `subscription S($on: Boolean!) { changed { id @include(if: $on) } }`)).toBeNull();
    expect(refusalOf(/* GraphQL */ `query Q { ok @skip(if: true) }`)).toBeNull();
    expect(refusalOf(/* GraphQL */ `subscription S { ...F } fragment F on Subscription { ...F changed { id } }`)).toBeNull();
  });

  it('make graphql 16 throw while validating, which is why they are refused first', () => {
    const schema = buildSchema(/* GraphQL */ `type Change { id: ID! } type Query { ok: Boolean } type Subscription { changed: Change! }`);
    expect(() => validate(schema, parse(/* GraphQL */ `subscription S($on: Boolean = false) { changed @include(if: $on) { id } }`), specifiedRules)).toThrow(/not provided a runtime value/);
  });
});
