// @apollo/composition is what @apollo/gateway composes with (it is installed with it): the
// test composes as a router would, without starting one.
import { composeServices } from '@apollo/composition';
import { Kind, isObjectType, type DocumentNode, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { limitOf } from '../../../server/list-size-limits';
import { buildSchema, readFederationTypeDefs, readTypeDefs } from '../../build-schema';
import { MAX_REPRESENTATIONS } from '../build-subgraph-schema';
import { subgraphTypeDefs, type SubgraphProvince } from '../subgraph-type-defs';

const H56: SubgraphProvince = { province: 'H56', name: 'province-h56' };
const H41: SubgraphProvince = { province: 'H41', name: 'province-h41' };

function subgraph(name: string, provinces: SubgraphProvince[]) {
  const documents = subgraphTypeDefs(readTypeDefs(), readFederationTypeDefs(), provinces);
  const typeDefs: DocumentNode = { kind: Kind.DOCUMENT, definitions: documents.flatMap((d) => d.definitions) };
  return { name, url: `http://${name}.invalid/graphql`, typeDefs };
}

function coordinates(schema: GraphQLSchema): Set<string> {
  return new Set(
    Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) => Object.keys((type as { getFields(): object }).getFields()).map((field) => `${type.name}.${field}`)),
  );
}

describe('the gateway as a federation subgraph', () => {
  it('composes with a gateway of another province: the router serves the national data and both province fields, nothing else', () => {
    const { errors, schema } = composeServices([subgraph('thanh-hoa', [H56]), subgraph('nghe-an', [H41])]);

    expect(errors).toBeUndefined();
    const api = schema!.toAPISchema().toGraphQLJSSchema();
    expect(Object.keys(api.getQueryType()!.getFields()).sort()).toEqual(['agencies', 'agency', 'procedure', 'procedures', 'provinceH41', 'provinceH56', 'sectors']);
    expect(api.getMutationType()).toBeUndefined();
  });

  it('fails to compose two gateways that both claim a province, naming the field, instead of picking one', () => {
    const { errors } = composeServices([subgraph('thanh-hoa', [H56]), subgraph('thanh-hoa-again', [H56])]);

    expect(errors?.map((e) => e.message).join('\n')).toMatch(/Query\.provinceH56/);
  });

  it('adds to the plain schema only the federation plumbing and the province fields, none of which can carry personal data, and leaves out only the subscriptions', () => {
    const plain = coordinates(buildSchema());
    const federated = coordinates(buildSchema({ federation: { provinces: [H56, H41] } }));

    // No router composes subscriptions: they are each gateway's own, at /graphql/ws.
    expect([...plain].filter((c) => !federated.has(c))).toEqual(['Subscription.dossierStatusChanged']);
    expect([...federated].filter((c) => !plain.has(c)).sort()).toEqual(
      [
        'Query._entities',
        'Query._service',
        'Query.provinceH56',
        'Query.provinceH41',
        '_Service.sdl',
        'Province.code',
        'Province.agency',
        'Province.dossier',
        'Province.dossiers',
        'Province.dossierStatistics',
      ].sort(),
    );
  });

  it('caps the representations of one _entities request as the query limits read caps, and Province.dossiers as Query.dossiers', () => {
    const schema = buildSchema({ federation: { provinces: [H56] } });
    const entities = schema.getQueryType()!.getFields()._entities!;
    const province = schema.getType('Province') as GraphQLObjectType;

    expect(limitOf(schema, entities.args.find((a) => a.name === 'representations')!)).toBe(MAX_REPRESENTATIONS);
    expect(limitOf(schema, province.getFields().dossiers!.args.find((a) => a.name === 'first')!)).toBe(100);
  });

  it('keeps the schema plain when federation is off: no _service, no _entities, no Province', () => {
    const schema = buildSchema();

    expect(schema.getQueryType()!.getFields()._service).toBeUndefined();
    expect(schema.getQueryType()!.getFields()._entities).toBeUndefined();
    expect(schema.getType('Province')).toBeUndefined();
  });
});
