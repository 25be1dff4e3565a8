import { createHash } from 'node:crypto';
import { startTestGateway, type Caller, type GraphQLResult, type TestGateway } from '../utils/gateway';

// The audit log answers "who": the person behind each call (the token's sub), the token
// (jti), the client application and the agency; the requests that belong to no agency
// (refused tokens, anonymous reads) reach the security auditor, and no one else; a
// download is an entry of its own.

interface Entry {
  access: string;
  operationName: string | null;
  outcome: string;
  errorCodes: string[];
  refusalReason: string | null;
  subject: string | null;
  tokenId: string | null;
  client: string | null;
  agency: { code: string } | null;
  documentHash: string | null;
  attachment: { document: string; contentId: string } | null;
  records: Array<{ type: string; count: number }>;
}
type Log = { auditLog: { totalCount: number; nodes: Entry[] } };

const AUDIT_LOG = /* GraphQL */ `
  query Audit($filter: AuditFilter) {
    auditLog(filter: $filter, first: 200) {
      totalCount
      nodes {
        access operationName outcome errorCodes refusalReason subject tokenId client agency { code }
        documentHash attachment { document contentId } records { type count }
      }
    }
  }
`;

const SECTORS = /* GraphQL */ `query PublicSectors { sectors { code } }`;
const PROMOTED = /* GraphQL */ `query Promoted { dossiers { totalCount } }`;

async function read(auditor: Caller, filter: Record<string, unknown>): Promise<GraphQLResult<Log>> {
  return auditor.graphql<Log>(AUDIT_LOG, { filter });
}

describe('who called, in the audit log', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 60, dossiersPerProvince: 60, auth: { allowAnonymous: true } });
  });
  afterAll(() => gw.close());

  it('tells apart three officers of one province who share one client application, by person and token', async () => {
    const officers = (['province-officer', 'district-officer', 'commune-officer'] as const).map((name) => gw.as(name));
    expect(new Set(officers.map((officer) => officer.claims.client_id))).toEqual(new Set(['demo-one-stop-h56']));
    for (const officer of officers) {
      expect((await officer.graphql(/* GraphQL */ `query OwnDossiers { dossiers(first: 2) { totalCount } }`)).errors).toBeUndefined();
    }

    for (const officer of officers) {
      const { data, errors } = await read(gw.as('security-auditor'), { subject: officer.claims.sub, operationName: 'OwnDossiers' });
      expect(errors).toBeUndefined();
      expect(data!.auditLog.nodes).toEqual([
        expect.objectContaining({ subject: officer.claims.sub, tokenId: officer.claims.jti, client: 'demo-one-stop-h56', agency: { code: officer.claims.agency }, outcome: 'SUCCESS' }),
      ]);
    }
    // The province's own auditor finds its officer by person, within its agency.
    const own = await read(gw.as('auditor'), { subject: officers[0]!.claims.sub });
    expect(own.data!.auditLog.nodes.map((entry) => entry.operationName)).toEqual(['OwnDossiers']);
  });

  it('answers and audits a query whose @skip reads a variable left to its default, counting only what it returned', async () => {
    const developer = gw.as('developer');
    const res = await developer.graphql<{ procedures: { nodes: unknown[] } }>(/* GraphQL */ `query SkippedByDefault($bare: Boolean = true) { sectors @skip(if: $bare) { code } procedures(first: 2) { nodes { code } } }`);
    expect({ status: res.status, errors: res.errors, sectors: res.data && 'sectors' in res.data, procedures: res.data?.procedures.nodes.length }).toEqual({ status: 200, errors: undefined, sectors: false, procedures: 2 });
    await gw.running.audit.flush();
    const { data } = await read(gw.as('security-auditor'), { operationName: 'SkippedByDefault' });
    expect(data!.auditLog.nodes.map((entry) => ({ outcome: entry.outcome, records: entry.records }))).toEqual([
      { outcome: 'SUCCESS', records: expect.arrayContaining([{ type: 'Procedure', count: 2 }]) },
    ]);
    expect(data!.auditLog.nodes[0]!.records.map((r) => r.type)).not.toContain('Sector');
  });

  describe('refused and anonymous requests', () => {
    const forged = (token: string): string => {
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const promoted = Buffer.from(JSON.stringify({ ...claims, agency: '000.00.00.H56', scope: 'dossiers:read pii:read' })).toString('base64url');
      return `Bearer ${header}.${promoted}.${signature}`;
    };
    let nghean: Caller;

    beforeAll(async () => {
      const refused = await gw.withAuthorization(forged(gw.as('commune-officer').authorization.slice('Bearer '.length))).graphql(PROMOTED);
      expect(refused.status).toBe(401);
      const anonymous = await gw.withAuthorization('').graphql(SECTORS);
      expect(anonymous.errors).toBeUndefined();
      expect((await gw.as('province-officer').graphql(/* GraphQL */ `query ProvinceSectors { sectors { code } }`)).errors).toBeUndefined();
      nghean = await gw.withClaims({ client_id: 'one-stop-h41', sub: 'can-bo-tinh-h41', agency: '000.00.00.H41', scope: 'dossiers:read' });
      const crossing = await nghean.graphql(/* GraphQL */ `query Neighbour { dossiers(filter: { agency: "000.00.00.H56" }) { totalCount } }`);
      expect(crossing.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_JURISDICTION');
    });

    it('lets the security auditor find a forged token\'s refusal and an anonymous read, which belong to no agency', async () => {
      const { data, errors } = await read(gw.as('security-auditor'), { withoutAgency: true });
      expect(errors).toBeUndefined();
      const nodes = data!.auditLog.nodes;
      // Refused before its body was read (a caller without a valid token costs no parsing): no document, and never the claims it forged.
      expect(nodes.find((entry) => entry.refusalReason === 'TOKEN_INVALID_SIGNATURE')).toMatchObject({
        access: 'GRAPHQL',
        documentHash: null,
        outcome: 'REJECTED',
        errorCodes: ['UNAUTHENTICATED'],
        subject: null,
        tokenId: null,
        agency: null,
      });
      expect(nodes.find((entry) => entry.operationName === 'PublicSectors')).toMatchObject({ outcome: 'SUCCESS', subject: null, client: null, agency: null });
      expect(nodes.every((entry) => entry.agency === null)).toBe(true);
    });

    it('names whose an expired token was (its signature verified), and never whose a forged one claims to be', async () => {
      const expired = await gw.withClaims({ client_id: 'one-stop-h56', sub: 'can-bo-het-han', agency: '000.00.41.H56', scope: 'dossiers:read' }, { expiresIn: -3600 });
      expect((await expired.graphql(PROMOTED)).status).toBe(401);
      const { data } = await read(gw.as('security-auditor'), { withoutAgency: true, errorCode: 'UNAUTHENTICATED' });
      const byReason = Object.fromEntries(data!.auditLog.nodes.map((entry) => [entry.refusalReason, { subject: entry.subject, tokenId: entry.tokenId, client: entry.client, agency: entry.agency }]));
      expect(byReason.TOKEN_EXPIRED).toEqual({ subject: 'can-bo-het-han', tokenId: expired.claims.jti, client: 'one-stop-h56', agency: null });
      expect(byReason.TOKEN_INVALID_SIGNATURE).toEqual({ subject: null, tokenId: null, client: null, agency: null });
    });

    it('lets the security auditor find a probe of a path no route serves', async () => {
      const probe = await gw.withAuthorization('').fetch('/.env');
      expect(probe.status).toBe(404);
      const { data } = await read(gw.as('security-auditor'), { withoutAgency: true, errorCode: 'NOT_FOUND' });
      expect(data!.auditLog.nodes).toEqual([expect.objectContaining({ outcome: 'REJECTED', errorCodes: ['NOT_FOUND'], subject: null, agency: null })]);
    });

    it('lets the security auditor find a cross-jurisdiction attempt, with the person who made it', async () => {
      const { data } = await read(gw.as('security-auditor'), { errorCode: 'FORBIDDEN_JURISDICTION' });
      expect(data!.auditLog.nodes).toEqual([
        expect.objectContaining({ operationName: 'Neighbour', subject: 'can-bo-tinh-h41', tokenId: nghean.claims.jti, client: 'one-stop-h41', agency: { code: '000.00.00.H41' } }),
      ]);
    });

    it('keeps them from an agency\'s auditor: no entry of no agency, no other province\'s attempt', async () => {
      const auditor = gw.as('auditor');
      const withoutAgency = await read(auditor, { withoutAgency: true });
      expect(withoutAgency.data).toBeNull();
      expect(withoutAgency.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'audit:security' });

      const own = await read(auditor, {});
      expect(own.errors).toBeUndefined();
      expect(own.data!.auditLog.nodes.length).toBeGreaterThan(0);
      expect(own.data!.auditLog.nodes.every((entry) => entry.agency?.code === '000.00.00.H56')).toBe(true);
      expect(own.data!.auditLog.nodes.filter((entry) => entry.refusalReason !== null || entry.operationName === 'PublicSectors' || entry.operationName === 'Neighbour')).toEqual([]);

      const other = await read(auditor, { agency: '000.00.00.H41' });
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_JURISDICTION');
    });
  });

  describe('attachment downloads', () => {
    it('are audited with who downloaded which attachment of which document copy, found through auditLog', async () => {
      const sender = await gw.withClaims({ client_id: 'qlvb-nghean', sub: 'van-thu-h41', agency: '000.00.00.H41', scope: 'documents:read documents:send' });
      const reader = await gw.withClaims({ client_id: 'qlvb-vpcp', sub: 'van-thu-g22', agency: '000.00.00.G22', scope: 'documents:read' });
      const sent = await sender.graphql<{ sendDocument: { documentId: string } }>(
        /* GraphQL */ `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { documentId } }`,
        {
          input: {
            from: '000.00.00.H41', to: ['000.00.00.G22'], number: '31', notation: 'UBND-KT', subject: 'Báo cáo',
            attachments: [{ name: 'bao-cao.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4\n').toString('base64') }],
          },
        },
      );
      expect(sent.errors).toBeUndefined();
      const inbox = await reader.graphql<{ documents: { nodes: Array<{ id: string; documentId: string; attachments: Array<{ contentId: string; downloadPath: string }> }> } }>(
        /* GraphQL */ `{ documents(filter: { agency: "000.00.00.G22", direction: INCOMING }) { nodes { id documentId attachments { contentId downloadPath } } } }`,
      );
      const copy = inbox.data!.documents.nodes.find((node) => node.documentId === sent.data!.sendDocument.documentId)!;
      const attachment = copy.attachments[0]!;
      expect((await reader.fetch(attachment.downloadPath)).status).toBe(200);
      expect((await sender.fetch(attachment.downloadPath)).status).toBe(404);

      const auditor = await gw.withClaims({ client_id: 'audit-console', sub: 'thanh-tra-g22', agency: '000.00.00.G22', scope: 'audit:read' });
      const { data, errors } = await read(auditor, { access: 'ATTACHMENT' });
      expect(errors).toBeUndefined();
      expect(data!.auditLog.nodes).toEqual([
        expect.objectContaining({
          access: 'ATTACHMENT',
          operationName: null,
          documentHash: null,
          attachment: { document: copy.id, contentId: attachment.contentId },
          outcome: 'SUCCESS',
          subject: 'van-thu-g22',
          tokenId: reader.claims.jti,
          client: 'qlvb-vpcp',
          agency: { code: '000.00.00.G22' },
          // The download counts the attachment, and the status of its signature the reader was shown.
          records: [{ type: 'DocumentAttachment', count: 1 }, { type: 'SignatureStatus_VERIFIED', count: 1 }],
        }),
      ]);
      // The sender's attempt on the recipient's copy is refused and audited the same way, under its own agency.
      const refused = await read(gw.as('security-auditor'), { access: 'ATTACHMENT', outcome: 'REJECTED' });
      expect(refused.data!.auditLog.nodes).toEqual([
        expect.objectContaining({ attachment: { document: copy.id, contentId: attachment.contentId }, errorCodes: ['NOT_FOUND'], subject: 'van-thu-h41', agency: { code: '000.00.00.H41' } }),
      ]);
    });
  });
});

describe('the client\'s address behind a load balancer', () => {
  const CLIENT_IP = /* GraphQL */ `query($filter: AuditFilter) { auditLog(filter: $filter, first: 10) { nodes { operationName clientIp } } }`;
  const ask = async (gw: TestGateway, forwardedFor: string) => {
    const officer = gw.as('province-officer');
    await officer.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ query: 'query Where { sectors { code } }' }) });
    const { data } = await gw.as('security-auditor').graphql<{ auditLog: { nodes: Array<{ operationName: string; clientIp: string | null }> } }>(CLIENT_IP, { filter: { subject: officer.claims.sub, operationName: 'Where' } });
    return data!.auditLog.nodes.map((n) => n.clientIp);
  };

  it('is the one the configured proxy forwards, and a forged X-Forwarded-For counts for nothing where no proxy is configured', async () => {
    const behind = await startTestGateway({ procedures: 20, server: { trustProxy: ['127.0.0.1'] } });
    try {
      expect(await ask(behind, '203.0.113.7')).toEqual(['203.0.113.7']);
    } finally {
      await behind.close();
    }
    const direct = await startTestGateway({ procedures: 20 });
    try {
      expect(await ask(direct, '203.0.113.7')).toEqual(['127.0.0.1']);
    } finally {
      await direct.close();
    }
  });
});
