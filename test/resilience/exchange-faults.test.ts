import type { TestGateway } from '../utils/gateway';
import { CONNECTIONS, FAULTS, runDrill, startDrillGateway, untilRecovered, drillCaller } from './fault-drill';

/** The demo connects two document systems through the gateway, each with a pool of its own to the axis. */
const SYSTEMS = ['qlvb-g22', 'qlvb-h41'];

const SEND = /* GraphQL */ `
  mutation Send($from: ID!, $subject: String!) {
    sendDocument(input: { from: $from, to: ["000.00.00.H41"], number: "125", notation: "VPCP-TTĐT", subject: $subject }) { id documentId }
  }
`;

describe('when the document exchange axis fails', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startDrillGateway();
  });
  afterAll(() => gw.close());

  it.each(FAULTS)('answers everything else in time, names its systems in the errors, and recovers, when it $name', async ({ fault, code }) => {
    await runDrill(gw, { sims: [gw.axis], failing: SYSTEMS, fault, code, maxSockets: 2 * CONNECTIONS });
  });

  it('keeps listing the documents it read last, with the failure beside them', async () => {
    const sent = await (await drillCaller(gw)).graphql(SEND, { from: '000.00.00.G22', subject: 'Báo cáo quý III' });
    expect(sent.errors).toBeUndefined();
    const LIST = /* GraphQL */ `{ documents(first: 10) { totalCount nodes { documentId direction } } }`;
    const before = await (await drillCaller(gw)).graphql<{ documents: { totalCount: number } }>(LIST);
    expect(before.data!.documents.totalCount).toBeGreaterThanOrEqual(1);
    gw.axis.setFault({ mode: 'hang' });
    try {
      const during = await (await drillCaller(gw)).graphql<{ documents: { totalCount: number } }>(LIST);
      expect(during.data!.documents).toEqual(before.data!.documents);
      expect(during.errors?.map((e) => [e.extensions?.code, e.extensions?.source]).sort()).toEqual(SYSTEMS.map((s) => ['UPSTREAM_TIMEOUT', s]));
    } finally {
      gw.axis.setFault({ mode: 'none' });
    }
  });

  it.each([
    ['answers HTTP 503', { mode: 'fail', status: 503 }, 'UPSTREAM_UNAVAILABLE'],
    ['drops the connection', { mode: 'reset' }, 'UPSTREAM_UNAVAILABLE'],
    ['hangs', { mode: 'hang' }, 'UPSTREAM_TIMEOUT'],
  ] as const)('never sends a document twice when the axis %s: the mutation answers null with the error', async (_how, fault, code) => {
    await untilRecovered(gw);
    gw.axis.resetStats();
    gw.axis.setFault(fault);
    try {
      const res = await (await drillCaller(gw)).graphql<{ sendDocument: null }>(SEND, { from: '000.00.00.G22', subject: 'Công văn gửi một lần' });
      expect(res.data).toEqual({ sendDocument: null });
      expect(res.errors).toEqual([expect.objectContaining({ path: ['sendDocument'], extensions: expect.objectContaining({ code, source: 'qlvb-g22' }) })]);
      expect(gw.axis.stats.requests).toBe(1);
    } finally {
      gw.axis.setFault({ mode: 'none' });
    }
  });

  it('keeps the result of one mutation when another of the same request fails', async () => {
    const res = await (await drillCaller(gw)).graphql<{ sent: { id: string } | null; refused: { id: string } | null }>(/* GraphQL */ `
      mutation {
        sent: sendDocument(input: { from: "000.00.00.G22", to: ["000.00.00.H41"], number: "126", notation: "VPCP-TTĐT", subject: "Gửi được" }) { id }
        refused: sendDocument(input: { from: "000.00.00.H41", to: ["000.00.00.G22"], number: "127", notation: "UBND-VX", subject: "Không được gửi thay" }) { id }
      }
    `);
    expect(res.data!.sent).toEqual({ id: expect.stringMatching(/^qlvb-g22:/) });
    // The operator acts for the Government Office, not for Nghệ An.
    expect(res.data!.refused).toBeNull();
    expect(res.errors).toEqual([expect.objectContaining({ path: ['refused'], extensions: expect.objectContaining({ code: 'FORBIDDEN_JURISDICTION' }) })]);
  });
});
