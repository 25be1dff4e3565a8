import { buildSchema, getVariableValues, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { operationCost } from '../operation-cost';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    items(first: Int = 20): ItemPage!
    item(id: ID!): Item
  }
  type ItemPage {
    nodes: [Item!]!
    total: Int!
  }
  directive @cost(weight: Int!) on FIELD_DEFINITION
  type Item {
    id: ID!
    name: String
    children(first: Int): ItemPage!
    picture: Picture! @cost(weight: 1000)
    checksum: String @cost(weight: 40)
  }
  type Picture {
    data: String!
  }
`);

/** The cost of `query` with `variables` coerced as the gateway coerces them. */
function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return operationCost({ schema, operation, fragments, variables: coerced.coerced });
}

describe('operationCost', () => {
  it('charges 1 per leaf and 2 plus 1.5 times the selection per object', () => {
    // 2 + 1.5 × (1 + 1)
    expect(costOf(/* GraphQL */ `{ item(id: "1") { id name } }`)).toBe(5);
  });

  it('charges a field marked @cost its weight instead of 1 or 2, multiplied by the pages above it', () => {
    // picture = 1000 + 1.5 × 1; item = 2 + 1.5 × 1001.5
    expect(costOf(/* GraphQL */ `{ item(id: "1") { picture { data } } }`)).toBe(1504.25);
    // checksum = 40; nodes = 2 + 1.5 × 40 = 62; items = (2 + 1.5 × 62) × 100
    expect(costOf(/* GraphQL */ `{ items(first: 100) { nodes { checksum } } }`)).toBe(9500);
  });

  it('multiplies a field by its literal first', () => {
    // nodes = 2 + 1.5 × 1 = 3.5; items = (2 + 1.5 × 3.5) × 3
    expect(costOf(/* GraphQL */ `{ items(first: 3) { nodes { id } } }`)).toBe(21.75);
  });

  it('multiplies a field by the value of a variable given as first', () => {
    expect(costOf(/* GraphQL */ `query($n: Int) { items(first: $n) { nodes { id } } }`, { n: 3 })).toBe(21.75);
    expect(costOf(/* GraphQL */ `query($n: Int) { items(first: $n) { nodes { id } } }`, { n: 100 })).toBe(725);
  });

  it('multiplies a field called without first, or with a variable left out, by the argument default', () => {
    // (2 + 1.5 × 1) × 20
    expect(costOf(/* GraphQL */ `{ items { total } }`)).toBe(70);
    expect(costOf(/* GraphQL */ `query($n: Int) { items(first: $n) { total } }`)).toBe(70);
    expect(costOf(/* GraphQL */ `query($n: Int = 4) { items(first: $n) { total } }`)).toBe(14);
  });

  it('counts a first of null, zero or below as 1, never as a discount', () => {
    expect(costOf(/* GraphQL */ `query($n: Int) { items(first: $n) { total } }`, { n: null })).toBe(3.5);
    expect(costOf(/* GraphQL */ `{ items(first: 0) { total } }`)).toBe(3.5);
    expect(costOf(/* GraphQL */ `{ a: items(first: -1000000) { total } b: items(first: 2) { total } }`)).toBe(3.5 + 7);
  });

  it('multiplies nested pages', () => {
    // children = (2 + 1.5 × 1) × 3 = 10.5; nodes = 2 + 1.5 × 10.5 = 17.75; items = (2 + 1.5 × 17.75) × 2
    expect(costOf(/* GraphQL */ `{ items(first: 2) { nodes { children(first: 3) { total } } } }`)).toBe(57.25);
  });

  it('counts named and inline fragments as the fields they stand for', () => {
    expect(costOf(/* GraphQL */ `{ item(id: "1") { ...F } } fragment F on Item { id name }`)).toBe(5);
    expect(costOf(/* GraphQL */ `{ item(id: "1") { ... on Item { id name } } }`)).toBe(5);
    expect(costOf(/* GraphQL */ `query($n: Int) { items(first: 3) { ...P } } fragment P on ItemPage { nodes { children(first: $n) { total } } }`, { n: 3 })).toBe(
      (2 + 1.5 * (2 + 1.5 * 10.5)) * 3,
    );
  });

  it('prices a fragment spread 2^30 times without expanding it', () => {
    const fragments = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Item { ...F${i + 1} ...F${i + 1} }`).join(' ');
    expect(costOf(`{ item(id: "1") { ...F0 } } ${fragments} fragment F30 on Item { id }`)).toBe(2 + 1.5 * 2 ** 30);
  });

  it('charges nothing for introspection and 1 for __typename', () => {
    expect(costOf(/* GraphQL */ `{ __schema { types { name fields { name } } } __type(name: "Item") { name } }`)).toBe(0);
    expect(costOf(/* GraphQL */ `{ __typename }`)).toBe(1);
  });
});
