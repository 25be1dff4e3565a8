import { buildSchema, getOperationAST, parse } from 'graphql';
import { countReturnedRecords } from '../count-returned-records';

const schema = buildSchema(/* GraphQL */ `
  enum Verdict { GOOD BAD }
  interface Node { id: ID! }
  type Agency implements Node { id: ID! name: String parent: Agency }
  type Fee { amount: Float }
  type Dossier implements Node { id: ID! agency: Agency fees: [Fee]! verdict: Verdict verdicts: [Verdict!]! }
  type Page { nodes: [Dossier]! total: Int! }
  type Query { dossiers(first: Int): Page! node(id: ID!): Node agency(code: ID!): Agency }
  type Mutation { touch(id: ID!): Dossier }
`);

function count(query: string, data: Record<string, unknown>, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  return countReturnedRecords({ schema, document, operation: getOperationAST(document)!, variables, data, auditedEnums: new Set(['Verdict']) });
}

describe('countReturnedRecords', () => {
  it('counts every object of a page by its declared type, lists item by item, and leaves out nulls', () => {
    const data = {
      dossiers: {
        total: 3,
        nodes: [
          { id: 'a', agency: { name: 'A', parent: { name: 'P' } }, fees: [{ amount: 1 }, null, { amount: 2 }] },
          null,
          { id: 'c', agency: null, fees: [] },
        ],
      },
    };
    expect(count(/* GraphQL */ `{ dossiers { total nodes { id agency { name parent { name } } fees { amount } } } }`, data)).toEqual({ Page: 1, Dossier: 2, Agency: 2, Fee: 2 });
  });

  it('follows aliases, named fragments and inline fragments as execution collects them', () => {
    const query = /* GraphQL */ `
      query Q { first: dossiers { nodes { ...D } } other: agency(code: "x") { ... on Agency { up: parent { id } } } }
      fragment D on Dossier { id owner: agency { id } }
    `;
    const data = { first: { nodes: [{ id: 'a', owner: { id: 'g' } }] }, other: { up: { id: 'p' } } };
    expect(count(query, data)).toEqual({ Page: 1, Dossier: 1, Agency: 3 });
  });

  it('skips what @skip and @include left out with the request variables', () => {
    const query = /* GraphQL */ `query Q($withAgency: Boolean!, $noFees: Boolean!) { dossiers { nodes { id agency @include(if: $withAgency) { id } fees @skip(if: $noFees) { amount } } } }`;
    // A key the response lacks counts nothing even if present in the data by mistake: the selection decides.
    const data = { dossiers: { nodes: [{ id: 'a', agency: { id: 'g' }, fees: [{ amount: 1 }] }] } };
    expect(count(query, data, { withAgency: false, noFees: true })).toEqual({ Page: 1, Dossier: 1 });
    expect(count(query, data, { withAgency: true, noFees: false })).toEqual({ Page: 1, Dossier: 1, Agency: 1, Fee: 1 });
  });

  it('reads a variable left out of the request as its declared default, as execution does', () => {
    const query = /* GraphQL */ `query Q($withAgency: Boolean = true, $noFees: Boolean! = true) { dossiers { nodes { id agency @include(if: $withAgency) { id } fees @skip(if: $noFees) { amount } } } }`;
    const data = { dossiers: { nodes: [{ id: 'a', agency: { id: 'g' } }] } };
    expect(count(query, data)).toEqual({ Page: 1, Dossier: 1, Agency: 1 });
    expect(count(query, { dossiers: { nodes: [{ id: 'a', fees: [{ amount: 1 }] }] } }, { withAgency: false, noFees: false })).toEqual({ Page: 1, Dossier: 1, Fee: 1 });
  });

  it('counts each value of an audited enum, in lists too', () => {
    const data = { dossiers: { nodes: [{ verdict: 'BAD', verdicts: ['GOOD', 'BAD', 'BAD'] }, { verdict: null, verdicts: [] }] } };
    expect(count(/* GraphQL */ `{ dossiers { nodes { verdict verdicts } } }`, data)).toEqual({ Page: 1, Dossier: 2, Verdict_BAD: 3, Verdict_GOOD: 1 });
  });

  it('counts an object reached through an interface by the declared type, and reads its fields by the type it names', () => {
    const query = /* GraphQL */ `{ node(id: "a") { __typename id ... on Dossier { agency { id } } } }`;
    expect(count(query, { node: { __typename: 'Dossier', id: 'a', agency: { id: 'g' } } })).toEqual({ Node: 1, Agency: 1 });
    expect(count(query, { node: { __typename: 'Agency', id: 'g' } })).toEqual({ Node: 1 });
  });

  it('counts nothing for introspection and mutations count what they returned', () => {
    expect(count(/* GraphQL */ `{ __typename __schema { queryType { name } } }`, { __typename: 'Query', __schema: { queryType: { name: 'Query' } } })).toEqual({});
    expect(count(/* GraphQL */ `mutation { touch(id: "a") { id agency { id } } }`, { touch: { id: 'a', agency: { id: 'g' } } })).toEqual({ Dossier: 1, Agency: 1 });
  });
});
