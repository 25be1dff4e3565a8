import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signEdxmlMessage } from '../../connectors/document-exchange';
import { appendIncrementalUpdate, makeTestPdf, signTestPdf } from '../../connectors/document-exchange/signature/testing/sign-test-pdf';
import { buildTestDocument, sdkSample } from '../../connectors/document-exchange/signature/testing/test-messages';
import { getTestPki, type TestIdentity, type TestPki } from '../../connectors/kit/pki/testing/create-test-pki';
import { verifyAudit } from '../../scripts/verify-audit';
import { startTestGateway, type TestGateway } from '../utils/gateway';

const LIST = /* GraphQL */ `
  query SignedDocuments($statuses: [SignatureStatus!]) {
    documents(filter: { agency: "000.00.00.G22", direction: INCOMING, signatureStatus: $statuses }, first: 100) {
      totalCount
      nodes {
        id subject
        signature { status reason signer { name organisation serialNumber issuer } signedAt checkedAt }
        attachments { name signature { status reason signer { organisation } } }
      }
    }
  }
`;

interface Verdict {
  status: string;
  reason: string | null;
  signer: { name: string | null; organisation: string | null; serialNumber: string; issuer: string } | null;
  signedAt: string | null;
  checkedAt: string;
}
interface Node {
  id: string;
  subject: string;
  signature: Verdict;
  attachments: Array<{ name: string; signature: Pick<Verdict, 'status' | 'reason'> & { signer: { organisation: string | null } | null } }>;
}

/**
 * Documents signed by a PKI made for this test (unknown to the project), valid and
 * tampered in each way, sent over the simulated exchange axis by Nghệ An's system to the
 * Government Office's, read through the gateway by a Government Office clerk.
 */
describe('signed documents through the gateway', () => {
  let pki: TestPki;
  let gw: TestGateway;
  let clerk: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'lienthong-signatures-'));

  beforeAll(async () => {
    pki = await getTestPki();
    const { caFile, crlDir } = pki.writeTrustFiles(dir);
    writeFileSync(path.join(dir, 'nghean.p12'), pki.agency.pkcs12('mật-khẩu'));
    gw = await startTestGateway({
      procedures: 40,
      trust: { caCertificates: [caFile], crls: [crlDir], workers: 1 },
      documentSystems: [{}, { signing: { pkcs12: path.join(dir, 'nghean.p12'), password: 'mật-khẩu' } }],
    });
    clerk = `Bearer ${await gw.token({ client_id: 'qlvb-vpcp', agency: '000.00.00.G22', scope: 'documents:read audit:read' })}`;
  });
  afterAll(() => gw.close());

  const send = (subject: string, xml: string) => {
    gw.axis.sendAs('nghean.qlvb', Buffer.from(xml, 'utf8'), 'edoc');
    return subject;
  };
  const signed = (identity: TestIdentity, subject: string, attachments: NonNullable<Parameters<typeof buildTestDocument>[0]>['attachments'] = []) =>
    signEdxmlMessage(buildTestDocument({ subject, attachments }), identity.signingKey);
  async function list(statuses?: string[]): Promise<Node[]> {
    const res = await gw.graphql<{ documents: { nodes: Node[] } }>(LIST, statuses ? { statuses } : {}, { authorization: clerk });
    expect(res.errors).toBeUndefined();
    return res.data!.documents.nodes;
  }

  it('reports every status right, and nothing it cannot check as VERIFIED', async () => {
    const note = Buffer.from('Phụ lục kèm theo', 'utf8');
    const pdf = await signTestPdf(await makeTestPdf('Quyết định'), pki.agency);
    send('hợp lệ', signed(pki.agency, 'hợp lệ'));
    send('sửa nội dung', signed(pki.agency, 'sửa nội dung').replace('sửa nội dung', 'sửa nội dunG'));
    const withNote = signed(pki.agency, 'sửa tệp đính kèm', [{ name: 'phu-luc.txt', contentType: 'text/plain', content: note }]);
    send('sửa tệp đính kèm', withNote.replace(note.toString('base64'), Buffer.from('Phụ lục kèm theO', 'utf8').toString('base64')));
    send('CA lạ', signed(pki.stranger, 'CA lạ'));
    send('hết hạn', signed(pki.expired, 'hết hạn'));
    send('bị thu hồi', signed(pki.revoked, 'bị thu hồi'));
    send('không ký', buildTestDocument({ subject: 'không ký' }));
    send('PDF sửa sau khi ký', signed(pki.agency, 'PDF sửa sau khi ký', [{ name: 'quyet-dinh.pdf', contentType: 'application/pdf', content: appendIncrementalUpdate(pdf, 'sửa') }]));
    // The SDK's sample, re-addressed between the connected systems.
    send('V/v kết nối, liên thông phần mềm quản lý văn bản', sdkSample().replace(/002\.00\.20\.H13/g, '000.00.00.H41').replace(/28\.22\.H17/g, '000.00.00.G22'));

    const bySubject = new Map((await list()).map((n) => [n.subject, n]));
    const status = (subject: string) => bySubject.get(subject)!.signature.status;
    expect(Object.fromEntries([...bySubject.keys()].map((s) => [s, status(s)]))).toEqual({
      'hợp lệ': 'VERIFIED',
      'sửa nội dunG': 'INVALID',
      'sửa tệp đính kèm': 'INVALID',
      'CA lạ': 'UNTRUSTED',
      'hết hạn': 'EXPIRED',
      'bị thu hồi': 'REVOKED',
      'không ký': 'NOT_SIGNED',
      'PDF sửa sau khi ký': 'VERIFIED',
      'V/v kết nối, liên thông phần mềm quản lý văn bản': 'UNVERIFIABLE',
    });
    expect(bySubject.get('hợp lệ')!.signature).toMatchObject({
      reason: null,
      signer: { name: 'Văn thư UBND Tỉnh Nghệ An', organisation: 'UBND Tỉnh Nghệ An', serialNumber: pki.agency.serialNumber, issuer: 'C=VN, O=Lienthong test PKI, CN=Lienthong Test Issuing CA' },
      signedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(bySubject.get('sửa tệp đính kèm')!.attachments[0]!.signature.status).toBe('INVALID');
    expect(bySubject.get('PDF sửa sau khi ký')!.attachments[0]!.signature).toMatchObject({ status: 'INVALID', reason: expect.stringMatching(/^modified after signing/) });
    expect(bySubject.get('V/v kết nối, liên thông phần mềm quản lý văn bản')!.signature.reason).toMatch(/not in the XML-DSig namespace/);
  });

  it('filters documents by signature status', async () => {
    const invalid = await list(['INVALID']);
    expect(invalid.map((n) => n.subject).sort()).toEqual(['sửa nội dunG', 'sửa tệp đính kèm']);
    expect((await list(['EXPIRED', 'REVOKED'])).map((n) => n.signature.status).sort()).toEqual(['EXPIRED', 'REVOKED']);
  });

  it('records in the audit entry of a read the signature statuses the reader was shown', async () => {
    await gw.graphql(/* GraphQL */ `query ReadInvalid { documents(filter: { agency: "000.00.00.G22", signatureStatus: [INVALID] }) { nodes { signature { status } } } }`, {}, { authorization: clerk });
    await gw.graphql(/* GraphQL */ `query ReadWithoutStatus { documents(filter: { agency: "000.00.00.G22", signatureStatus: [INVALID] }) { nodes { subject } } }`, {}, { authorization: clerk });
    await gw.running.audit.flush();
    const entry = async (operationName: string) => (await gw.running.store.audit.query({ operationName }, { first: 1 })).items[0]!;
    expect((await entry('ReadInvalid')).records).toMatchObject({ Document: 2, DocumentSignature: 2, SignatureStatus_INVALID: 2 });
    // A reader who did not ask for the status was not shown one.
    expect(Object.keys((await entry('ReadWithoutStatus')).records).filter((k) => k.startsWith('SignatureStatus_'))).toEqual([]);
  });

  it('signs what a system with a key sends, and the round trip (sign → send → receive → verify) is VERIFIED on both copies', async () => {
    const nghean = await gw.token({ client_id: 'qlvb-nghean', agency: '000.00.00.H41', scope: 'documents:read documents:send' });
    const sent = await gw.graphql<{ sendDocument: { id: string; documentId: string; signature: Verdict } }>(
      /* GraphQL */ `mutation Send($input: SendDocumentInput!) { sendDocument(input: $input) { id documentId signature { status reason signer { serialNumber } } } }`,
      { input: { from: '000.00.00.H41', to: ['000.00.00.G22'], number: '77', notation: 'UBND-KSTT', subject: 'Ký số khi gửi' } },
      { authorization: `Bearer ${nghean}` },
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendDocument.signature).toMatchObject({ status: 'VERIFIED', signer: { serialNumber: pki.agency.serialNumber } });
    const onTheAxis = gw.axis.stored(gw.axis.inbox('vpcp.qlvb').at(-1)!.docId)!.toString('utf8');
    expect(onTheAxis).toContain('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">');
    const received = (await list()).find((n) => n.subject === 'Ký số khi gửi')!;
    expect(received.signature).toMatchObject({ status: 'VERIFIED', signer: { serialNumber: pki.agency.serialNumber } });
  });

  it('withholds every received document not VERIFIED when trust.unverified is block, saying which and why', async () => {
    const strict = await startTestGateway({ procedures: 20, trust: { caCertificates: [path.join(dir, 'ca.pem')], crls: [path.join(dir, 'crls')], unverified: 'block', workers: 0 } });
    try {
      strict.axis.sendAs('nghean.qlvb', Buffer.from(signed(pki.agency, 'được xem'), 'utf8'), 'edoc');
      strict.axis.sendAs('nghean.qlvb', Buffer.from(signed(pki.revoked, 'bị giữ lại'), 'utf8'), 'edoc');
      const res = await strict.graphql<{ documents: { nodes: Node[] } }>(LIST, {}, { authorization: `Bearer ${await strict.token({ client_id: 'qlvb-vpcp', agency: '000.00.00.G22', scope: 'documents:read' })}` });
      expect(res.data!.documents.nodes.map((n) => n.subject)).toEqual(['được xem']);
      expect(res.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/is withheld: its signature is REVOKED/), extensions: expect.objectContaining({ code: 'SIGNATURE_NOT_VERIFIED', signatureStatus: 'REVOKED' }) })]);
    } finally {
      await strict.close();
    }
  });

  it("signs the audit chain's head with the operator's key, and audit:verify checks it after a graceful stop", async () => {
    writeFileSync(path.join(dir, 'operator.p12'), pki.government.pkcs12('khóa-vận-hành'));
    writeFileSync(path.join(dir, 'operator.pem'), pki.government.certificatePem);
    const operated = await startTestGateway({ procedures: 20, auditSigning: { key: { pkcs12: path.join(dir, 'operator.p12'), password: 'khóa-vận-hành' }, intervalSeconds: 60 } });
    const { dataDir } = operated;
    await operated.graphql(/* GraphQL */ `query Sectors { sectors { code } }`);
    await operated.close();
    const out: string[] = [];
    const status = await verifyAudit(['--certificate', path.join(dir, 'operator.pem'), '--interval', '60'], { LIENTHONG_DATA_DIR: dataDir }, { out: (line) => out.push(line), err: () => undefined });
    expect(out).toEqual(expect.arrayContaining([expect.stringMatching(/^signed heads: [1-9]\d* checked, the newest for /), expect.stringMatching(/^audit chain OK: \d+ entries$/)]));
    // The head signed at stop covers the last entry: no unsigned tail.
    expect(out.some((line) => line.startsWith('unsigned tail'))).toBe(false);
    expect(status).toBe(0);
  });
});
