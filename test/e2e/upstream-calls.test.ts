import { startTestGateway, type TestGateway } from '../utils/gateway';

/** A page of procedures with every nested lookup the schema offers. */
const NESTED_PAGE = /* GraphQL */ `
  query($first: Int) {
    procedures(first: $first) {
      nodes {
        code
        publishingAgency { code name parent { code } }
        sectors { code name }
        implementingAgencies { code name level parent { code name } }
        competentAgencies { code name }
        relatedProcedures { code name sectors { name } implementingAgencies { name } }
        interconnectedProcedures { code name }
      }
    }
  }
`;

describe('upstream calls per page', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 400 });
  });
  afterAll(() => gw.close());

  async function callsFor(first: number): Promise<{ total: number; byOperation: Record<string, number>; nodes: number }> {
    gw.national.resetStats();
    const { data, errors } = await gw.as('developer').graphql<{ procedures: { nodes: unknown[] } }>(NESTED_PAGE, { first });
    expect(errors).toBeUndefined();
    return { total: gw.national.stats.requests, byOperation: { ...gw.national.stats.byOperation }, nodes: data!.procedures.nodes.length };
  }

  it('stays the same for pages of 5, 20 and 50 procedures with their agencies, sectors and related procedures', async () => {
    const small = await callsFor(5);
    const medium = await callsFor(20);
    const large = await callsFor(50);
    expect([small.nodes, medium.nodes, large.nodes]).toEqual([5, 20, 50]);
    expect(medium.total).toBe(small.total);
    expect(large.total).toBe(small.total);
    // Nothing per item: no LayThuTuc at all once the catalogue is loaded.
    expect(large.byOperation.LayThuTuc ?? 0).toBe(0);
  });
});
