import { startTestGateway, type TestGateway } from '../utils/gateway';

/**
 * Each probe misspells one name of the schema; graphql-js answers every one of them with
 * "Did you mean …?" naming the real one. With introspection off, those suggestions would
 * let an outsider rebuild the schema name by name.
 */
const PROBES: Array<{ kind: string; query: string; variables?: Record<string, unknown>; hidden: string }> = [
  { kind: 'a field', query: /* GraphQL */ `{ sectorz { code } }`, hidden: '"sectors"' },
  { kind: 'a field of an object type', query: /* GraphQL */ `{ sectors { cod } }`, hidden: '"code"' },
  { kind: 'an argument', query: /* GraphQL */ `{ procedures(frist: 5) { totalCount } }`, hidden: '"first"' },
  { kind: 'a type', query: /* GraphQL */ `query($f: ProcedureFiltr) { procedures(filter: $f) { totalCount } }`, hidden: '"ProcedureFilter"' },
  { kind: 'an input field', query: /* GraphQL */ `{ procedures(filter: { txt: "x" }) { totalCount } }`, hidden: '"text"' },
  { kind: 'an enum value written in the document', query: /* GraphQL */ `{ procedures(filter: { level: COMUNE }) { totalCount } }`, hidden: '"COMMUNE"' },
  { kind: 'an enum value given as a variable', query: /* GraphQL */ `query($l: AdministrativeLevel) { procedures(filter: { level: $l }) { totalCount } }`, variables: { l: 'COMUNE' }, hidden: '"COMMUNE"' },
  { kind: 'an enum value inside an input variable', query: /* GraphQL */ `query($f: ProcedureFilter) { procedures(filter: $f) { totalCount } }`, variables: { f: { level: 'DISTRCT' } }, hidden: '"DISTRICT"' },
  { kind: 'an input field inside a variable', query: /* GraphQL */ `query($f: ProcedureFilter) { procedures(filter: $f) { totalCount } }`, variables: { f: { sectr: 'x' } }, hidden: '"sector"' },
  { kind: 'a directive argument', query: /* GraphQL */ `{ sectors @include(if: true, iff: true) { code } }`, hidden: '"if"' },
];

async function messagesOf(gw: TestGateway, probe: (typeof PROBES)[number]): Promise<string[]> {
  const res = await gw.graphql(probe.query, probe.variables);
  expect(res.data ?? undefined).toBeUndefined();
  return (res.errors ?? []).map((e) => e.message);
}

describe('suggestions ("Did you mean …?")', () => {
  describe('in development mode', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await startTestGateway({ procedures: 20, server: { mode: 'development' } });
    });
    afterAll(() => gw.close());

    // Proves each probe does draw a suggestion, so the production test below can fail.
    it.each(PROBES)('are shown for $kind', async (probe) => {
      const messages = await messagesOf(gw, probe);
      expect(messages.some((m) => m.includes('Did you mean') && m.includes(probe.hidden))).toBe(true);
    });
  });

  describe('in production mode, introspection off', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await startTestGateway({ procedures: 20, server: { mode: 'production', introspection: false } });
    });
    afterAll(() => gw.close());

    it.each(PROBES)('are hidden for $kind, and the real name is never named', async (probe) => {
      const messages = await messagesOf(gw, probe);
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        expect(message).not.toMatch(/did you mean/i);
        expect(message).not.toContain(probe.hidden);
      }
    });
  });
});
