import { buildSchema as buildSdl, getNullableType, getVariableValues, isInputObjectType, isListType, Kind, parse, type FragmentDefinitionNode, type GraphQLArgument, type GraphQLInputField, type OperationDefinitionNode } from 'graphql';
import { buildSchema } from '../../graphql/build-schema';
import { limitOf, listSizeRefusal } from '../list-size-limits';

const schema = buildSdl(/* GraphQL */ `
  directive @limit(max: Int!) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
  type Query {
    items(first: Int = 20 @limit(max: 100), filter: Filter): [Int!]!
    free(first: Int): [Int!]!
  }
  type Mutation {
    send(input: SendInput!): Int
  }
  input Filter {
    codes: [Int!] @limit(max: 3)
  }
  input SendInput {
    to: [String!]! @limit(max: 2)
    parts: [Part!] @limit(max: 5)
  }
  input Part {
    tags: [String!] @limit(max: 1)
  }
`);

function refusalOf(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  const refusal = listSizeRefusal({ schema, operation, fragments, variables: coerced.coerced });
  return refusal && { message: refusal.message, extensions: { ...refusal.extensions } };
}

describe('listSizeRefusal', () => {
  it('refuses an Int argument over its cap, written or from a variable', () => {
    const expected = { message: '"first" of Query.items is at most 100; got 101.', extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'listSize', argument: 'Query.items.first', http: { status: 400 } } };
    expect(refusalOf(/* GraphQL */ `{ items(first: 101) }`)).toEqual(expected);
    expect(refusalOf(/* GraphQL */ `query($n: Int) { items(first: $n) }`, { n: 101 })).toEqual(expected);
    expect(refusalOf(/* GraphQL */ `query { ...Q } fragment Q on Query { items(first: 101) }`)).toEqual(expected);
  });

  it('lets values at the cap, defaults and uncapped arguments through', () => {
    expect(refusalOf(/* GraphQL */ `{ items(first: 100) }`)).toBeNull();
    expect(refusalOf(/* GraphQL */ `{ items }`)).toBeNull();
    expect(refusalOf(/* GraphQL */ `{ free(first: 100000) }`)).toBeNull();
    expect(refusalOf(/* GraphQL */ `query($n: Int) { items(first: $n) }`, { n: null })).toBeNull();
  });

  it('refuses a list over its cap wherever it sits in an input object', () => {
    expect(refusalOf(/* GraphQL */ `{ items(filter: { codes: [1, 2, 3, 4] }) }`)?.message).toBe('"filter.codes" of Query.items holds at most 3 items; got 4.');
    expect(refusalOf(/* GraphQL */ `mutation($i: SendInput!) { send(input: $i) }`, { i: { to: ['a', 'b', 'c'] } })?.extensions.argument).toBe('Mutation.send.input.to');
    expect(refusalOf(/* GraphQL */ `mutation($i: SendInput!) { send(input: $i) }`, { i: { to: ['a'], parts: [{ tags: ['x'] }, { tags: ['x', 'y'] }] } })).toEqual({
      message: '"input.parts.tags" of Mutation.send holds at most 1 items; got 2.',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'listSize', argument: 'Mutation.send.input.parts.tags', http: { status: 400 } },
    });
    expect(refusalOf(/* GraphQL */ `mutation($i: SendInput!) { send(input: $i) }`, { i: { to: ['a', 'b'], parts: [{ tags: ['x'] }] } })).toBeNull();
  });
});

describe('the schema in schema/', () => {
  it('caps every first argument and every list argument or input field with @limit', () => {
    const gateway = buildSchema();
    const uncapped: string[] = [];
    const check = (definition: GraphQLArgument | GraphQLInputField, coordinate: string) => {
      const needsCap = definition.name === 'first' || isListType(getNullableType(definition.type));
      if (needsCap && limitOf(gateway, definition) === undefined) uncapped.push(coordinate);
    };
    for (const type of Object.values(gateway.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) check(field, `${type.name}.${field.name}`);
      } else if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) for (const arg of field.args) check(arg, `${type.name}.${field.name}(${arg.name}:)`);
      }
    }
    expect(uncapped).toEqual([]);
  });
});
