import type { Dossier as SimDossier } from '../../simulators/one-stop';
import { startTestGateway, type Caller, type TestGateway } from '../utils/gateway';

// Personal data through the whole gateway: officers without pii:read (the demo's commune
// officer, and a district clerk for a wider sample) must find their applicants nowhere in
// what they read: not in the applicant fields, not in the online submission step (where
// the applicant is the handler), not in the summary, the steps' texts or the papers; the
// audit log must say which fields carried them. Seed 42 gives the demo's ward an online
// dossier among the 400 of Thanh Hóa.

const EVERYTHING = /* GraphQL */ `
  query DossiersWithSteps($after: String) {
    dossiers(first: 20, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        code summary
        applicant { name idNumber phone email address }
        steps { handler position department content status }
        submittedPapers { name fileName url }
        resultPapers { name fileName url }
      }
    }
  }
`;

interface Node {
  code: string;
  applicant: { name: string | null };
  steps: Array<{ handler: string | null; position: string | null }>;
  submittedPapers: Array<{ url: string | null }>;
}
type Page = { dossiers: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Node[] } };

/** Lower case without diacritics, for a search that no spelling escapes. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

describe('personal data read by officers without pii:read', () => {
  let gw: TestGateway;
  let truth: Map<string, SimDossier>;
  let withoutPii: Caller[];
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 120, dossiersPerProvince: 400, seed: 42 });
    truth = new Map(gw.provinces[0]!.dossiers.map((d) => [d.code, d]));
    const clerk = await gw.withClaims({ client_id: 'demo-one-stop-h56', sub: 'van-thu-huyen-41-h56', agency: '000.00.41.H56', scope: 'dossiers:read' });
    withoutPii = [gw.as('commune-officer'), clerk];
  });
  afterAll(() => gw.close());

  async function readAll(caller: Caller): Promise<Node[]> {
    const nodes: Node[] = [];
    let after: string | null = null;
    do {
      const res: { data?: Page; errors?: unknown } = await caller.graphql<Page>(EVERYTHING, { after });
      expect(res.errors).toBeUndefined();
      nodes.push(...res.data!.dossiers.nodes);
      after = res.data!.dossiers.pageInfo.hasNextPage ? res.data!.dossiers.pageInfo.endCursor : null;
    } while (after);
    return nodes;
  }

  it('finds no applicant\'s name, ID, phone or email anywhere in the dossiers, their steps or their papers', async () => {
    const [commune, district] = await Promise.all(withoutPii.map(readAll));
    expect(commune!.filter((node) => truth.get(node.code)!.channel === 2).length).toBeGreaterThan(0);
    expect(district!.filter((node) => truth.get(node.code)!.channel === 2).length).toBeGreaterThan(10);

    for (const node of [...commune!, ...district!]) {
      const { applicant } = truth.get(node.code)!;
      const text = fold(JSON.stringify(node));
      expect({ code: node.code, leaks: [applicant.fullName, applicant.identityNumber, applicant.phone, applicant.email].filter((value) => value && text.includes(fold(value))) }).toEqual({ code: node.code, leaks: [] });
      expect(node.submittedPapers.every((paper) => paper.url === null)).toBe(true);
    }
  });

  it('masks the applicant who is the handler of the online submission step, and names the officers who handled the others', async () => {
    const nodes = (await Promise.all(withoutPii.map(readAll))).flat();
    for (const node of nodes) {
      const source = truth.get(node.code)!;
      const initials = source.applicant.fullName.split(' ').map((word) => `${[...word][0]}***`).join(' ');
      expect(node.steps.map((step) => step.handler)).toEqual(source.steps.map((step) => (step.handler === source.applicant.fullName ? initials : step.handler)));
      expect(node.steps.map((step) => step.position)).toEqual(source.steps.map((step) => step.position));
    }
  });

  it('shows the district officer, who holds pii:read, the submission step\'s handler as the source has it', async () => {
    const nodes = await readAll(gw.as('district-officer'));
    const submitted = nodes.filter((node) => truth.get(node.code)!.steps[0]!.position === 'Người nộp hồ sơ');
    expect(submitted.length).toBeGreaterThan(0);
    for (const node of submitted) expect(node.steps[0]!.handler).toBe(truth.get(node.code)!.applicant.fullName);
  });

  it('lists in the audit entry of each read the personal-data fields it carried, the step handler included', async () => {
    await gw.running.audit.flush();
    for (const caller of [...withoutPii, gw.as('district-officer')]) {
      const { items } = await gw.running.store.audit.query({ subject: String(caller.claims.sub), operationName: 'DossiersWithSteps' }, { first: 1 });
      expect(items).toHaveLength(1);
      expect(items[0]!.sensitiveFields).toEqual(expect.arrayContaining(['Applicant.name', 'Applicant.idNumber', 'Applicant.phone', 'Dossier.summary', 'DossierStep.handler', 'DossierPaper.url']));
    }
  });
});
