import { createSignatureService, type SignatureService } from '..';
import { getTestPki, type TestPki } from '../../../kit/pki/testing/create-test-pki';
import { startTestOcspResponder } from '../../../kit/pki/testing/start-test-ocsp-responder';
import { buildTestDocument } from '../testing/test-messages';

describe('the signature service', () => {
  let pki: TestPki;
  const services: SignatureService[] = [];
  const serviceOf = (options: Parameters<typeof createSignatureService>[0] = {}) => {
    const service = createSignatureService({ trust: pki.trustMaterial, ...options });
    services.push(service);
    return service;
  };
  beforeAll(async () => {
    pki = await getTestPki();
  });
  afterAll(() => Promise.all(services.map((s) => s.close())));

  it('signs in a worker thread and verifies in one: the round trip is VERIFIED', async () => {
    const service = serviceOf({ workers: 2 });
    const signed = await service.sign(buildTestDocument(), pki.agency.signingKey);
    expect(signed.toString('utf8')).toContain('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">');
    const { document } = await service.verify(signed);
    expect(document).toMatchObject({ status: 'VERIFIED', signer: { serialNumber: pki.agency.serialNumber } });
    // One job at a time needs one worker: the second is started only when two jobs overlap.
    expect(service.stats).toMatchObject({ workers: 1, completed: 2, failed: 0 });
  });

  it('gives the same verdicts in workers as on the event loop', async () => {
    const inWorkers = serviceOf({ workers: 1 });
    const inline = serviceOf({ workers: 0 });
    for (const identity of [pki.agency, pki.stranger, pki.expired, pki.revoked]) {
      const signed = await inline.sign(buildTestDocument(), identity.signingKey);
      const [a, b] = await Promise.all([inWorkers.verify(signed), inline.verify(signed)]);
      expect({ ...a.document, checkedAt: null }).toEqual({ ...b.document, checkedAt: null });
    }
    expect(inline.stats).toBeNull();
  });

  it('reports UNVERIFIABLE, never throws, for bytes that are not a message', async () => {
    const { document, attachments } = await serviceOf({ workers: 1 }).verify(Buffer.from('<html>not edXML</html>'));
    expect(document).toMatchObject({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/^the signature could not be checked: Not an edXML message/), signer: null });
    expect(attachments).toEqual({});
  });

  it('reports UNVERIFIABLE when more messages wait than the queue holds', async () => {
    const service = serviceOf({ workers: 1, maxQueue: 1 });
    const message = await service.sign(buildTestDocument(), pki.agency.signingKey);
    const results = await Promise.all([1, 2, 3, 4].map(() => service.verify(message)));
    const refused = results.filter((r) => r.document.reason?.includes('queue is full'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.document.status === 'UNVERIFIABLE')).toBe(true);
    expect(results.filter((r) => r.document.status === 'VERIFIED').length).toBe(4 - refused.length);
  });

  it('asks the OCSP responder when no CRL covers the signer, in the worker', async () => {
    const responder = await startTestOcspResponder(pki, { revoked: { [pki.agency.serialNumber]: new Date(Date.now() - 3600_000) } });
    try {
      const service = serviceOf({ workers: 1, trust: { certificates: pki.trustMaterial.certificates, crls: [pki.rootCrl] }, ocspUrl: responder.url });
      const signed = await service.sign(buildTestDocument(), pki.agency.signingKey);
      expect((await service.verify(signed)).document).toMatchObject({ status: 'REVOKED' });
      expect(responder.requests).toBe(1);
    } finally {
      await responder.close();
    }
  });

  it('reports UNVERIFIABLE when only an OCSP responder could say and it cannot be reached', async () => {
    const service = serviceOf({ workers: 0, trust: { certificates: pki.trustMaterial.certificates, crls: [pki.rootCrl] }, ocspUrl: 'http://127.0.0.1:1/ocsp', ocspTimeoutMs: 2000 });
    const signed = await service.sign(buildTestDocument(), pki.agency.signingKey);
    expect((await service.verify(signed)).document).toMatchObject({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/^revocation of the signer's certificate .* could not be checked/) });
  });

  it('calls every intact signature UNTRUSTED when no trust store is configured', async () => {
    const service = serviceOf({ workers: 0, trust: undefined });
    const signed = await service.sign(buildTestDocument(), pki.agency.signingKey);
    expect((await service.verify(signed)).document).toMatchObject({ status: 'UNTRUSTED', reason: 'no trusted CA certificate is configured (trust.caCertificates)' });
  });
});
