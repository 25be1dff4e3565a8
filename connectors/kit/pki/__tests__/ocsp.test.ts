import { createOcspClient, createTrustStore, type OcspClient, type TrustStore } from '..';
import { getTestPki, type TestPki } from '../testing/create-test-pki';
import { startTestOcspResponder, type TestOcspResponder } from '../testing/start-test-ocsp-responder';

describe('asking an OCSP responder', () => {
  let pki: TestPki;
  let store: TrustStore;
  const opened: Array<TestOcspResponder | OcspClient> = [];
  beforeAll(async () => {
    pki = await getTestPki();
    store = await createTrustStore(pki.trustMaterial);
  });
  afterAll(() => Promise.all(opened.map((o) => o.close())));

  async function clientFor(options: Parameters<typeof startTestOcspResponder>[1] = {}): Promise<{ client: OcspClient; responder: TestOcspResponder }> {
    const responder = await startTestOcspResponder(pki, options);
    const client = createOcspClient({ url: responder.url, anchors: store.anchors, timeoutMs: 5000 });
    opened.push(responder, client);
    return { client, responder };
  }

  it('reads a good answer signed by the issuing CA', async () => {
    const { client, responder } = await clientFor();
    expect(await client.query(pki.agency.certificate, pki.intermediate.certificate)).toEqual({ status: 'GOOD' });
    expect(responder.requests).toBe(1);
  });

  it('reads a revoked answer with its revocation time', async () => {
    const revokedAt = new Date('2026-01-02T03:04:05Z');
    const { client } = await clientFor({ revoked: { [pki.agency.serialNumber]: revokedAt } });
    expect(await client.query(pki.agency.certificate, pki.intermediate.certificate)).toEqual({ status: 'REVOKED', revokedAt });
  });

  it('reports UNKNOWN for a certificate the responder does not know', async () => {
    const { client } = await clientFor({ unknown: [pki.agency.serialNumber] });
    expect(await client.query(pki.agency.certificate, pki.intermediate.certificate)).toEqual({ status: 'UNKNOWN', reason: 'the OCSP responder does not know the certificate' });
  });

  it('does not believe an answer signed by a CA that did not issue the certificate', async () => {
    const { client } = await clientFor({ signer: pki.unknownRoot });
    const answer = await client.query(pki.agency.certificate, pki.intermediate.certificate);
    expect(answer).toEqual({ status: 'UNKNOWN', reason: expect.stringMatching(/^OCSP responder verification failed/) });
  });

  it('reports UNKNOWN, never throws, when the responder fails or cannot be reached', async () => {
    const { client } = await clientFor({ httpStatus: 503 });
    expect(await client.query(pki.agency.certificate, pki.intermediate.certificate)).toEqual({ status: 'UNKNOWN', reason: 'the OCSP responder answered HTTP 503' });
    const nowhere = createOcspClient({ url: 'http://127.0.0.1:1/ocsp', anchors: store.anchors, timeoutMs: 2000 });
    opened.push(nowhere);
    expect((await nowhere.query(pki.agency.certificate, pki.intermediate.certificate)).status).toBe('UNKNOWN');
  });
});
