import { isNonNullType, type GraphQLObjectType } from 'graphql';
import { buildSchema } from '../../src/graphql/build-schema';

/**
 * What serves each field that may reach a source: the sources whose failure it must
 * survive (so it must be nullable: a non-null field that fails nulls its parent, and a
 * root field the whole answer), or why it cannot fail with a source.
 */
const SERVED_BY: Record<string, { sources: string[] } | { never: string }> = {
  'Query.procedure': { sources: ['national-procedures'] },
  'Query.procedures': { sources: ['national-procedures'] },
  'Query.agency': { sources: ['national-procedures'] },
  'Query.agencies': { sources: ['national-procedures'] },
  'Query.sectors': { sources: ['national-procedures'] },
  'Query.dossier': { sources: ['provinces'] },
  'Query.dossiers': { never: 'read from the gateway\'s store; a province that failed is named in errors beside the other provinces\' dossiers' },
  'Query.dossierStatistics': { never: 'computed in the gateway\'s store' },
  'Query.document': { sources: ['document-exchange'] },
  'Query.documents': { never: 'the registry\'s last read of the axis; a system that failed to refresh is named in errors beside it' },
  'Query.auditLog': { never: 'the gateway\'s own store' },
  'Query.procedureBoard': { never: 'drawn from the gateway\'s copy of the catalogue; null for an agency it does not know' },
  'Query.syncStatus': { never: 'the sync\'s checkpoints and outbox in the gateway\'s store' },
  'Query.deadLetters': { never: 'the outbox in the gateway\'s store' },
  'Query.portalReconciliation': { sources: ['national-portal'] },
  'Mutation.retryDeadLetters': { never: 'the outbox in the gateway\'s store' },
  'Mutation.resyncProvince': { never: 'the outbox in the gateway\'s store' },
  'Mutation.pauseSync': { never: 'a switch in the gateway\'s store' },
  'Mutation.resumeSync': { never: 'a switch in the gateway\'s store' },
  'Query.webhooks': { never: 'registrations in the gateway\'s store' },
  'Query.webhookDeadLetters': { never: 'deliveries in the gateway\'s store' },
  'Query.notificationStatistics': { never: 'day counts in the gateway\'s store' },
  'Mutation.registerWebhook': { never: 'a registration in the gateway\'s store; nothing is called until a change is delivered' },
  'Mutation.deleteWebhook': { never: 'a registration in the gateway\'s store' },
  'Mutation.retryWebhookDeliveries': { never: 'deliveries in the gateway\'s store' },
  'Mutation.sendDocument': { sources: ['document-exchange'] },
  'Mutation.acknowledgeDocument': { sources: ['document-exchange'] },
  'Dossier.procedure': { sources: ['national-procedures'] },
  'Procedure.relatedProcedures': { never: 'a related procedure the source fails on is left out of the list, never failing it' },
  'Procedure.interconnectedProcedures': { never: 'as relatedProcedures' },
  'Procedure.implementingAgencies': { never: 'agencies come from the catalogue copy in memory; a code it lacks still answers, named as referenced' },
  'Agency.parent': { never: 'the catalogue copy in memory' },
};

describe('the schema\'s nullability', () => {
  const schema = buildSchema();
  const field = (coordinate: string) => {
    const [type, name] = coordinate.split('.') as [string, string];
    return (schema.getType(type) as GraphQLObjectType).getFields()[name];
  };

  it('says, for every root field, which source serves it or why it cannot fail with one', () => {
    const roots = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) => Object.keys(type.getFields()).map((name) => `${type.name}.${name}`));
    expect(roots.filter((coordinate) => !(coordinate in SERVED_BY))).toEqual([]);
  });

  it('makes every field served by a source that can fail nullable', () => {
    const served = Object.entries(SERVED_BY).filter(([, by]) => 'sources' in by).map(([coordinate]) => coordinate);
    for (const coordinate of served) expect({ coordinate, exists: field(coordinate) !== undefined }).toEqual({ coordinate, exists: true });
    expect(served.filter((coordinate) => isNonNullType(field(coordinate)!.type))).toEqual([]);
  });
});
