import { startDocumentExchangeSimulator, type AxisSystem, type DocumentExchangeSimulator } from '../../../simulators/document-exchange';
import { buildEdxmlStatus, createDocumentExchangeConnector, createSignatureService, type DocumentExchangeConnector, type SignatureService } from '..';
import { readDerBlocks } from '../../kit/pki';
import { getTestPki, type TestPki } from '../../kit/pki/testing/create-test-pki';
import { unsignedSdkSample } from '../signature/testing/test-messages';

const A: AxisSystem = { systemId: 'hoatien.qlvb', secret: 'secret-a', agencyCode: '002.00.20.H13', name: 'UBND xã Hòa Tiến' };
const B: AxisSystem = { systemId: 'hoason.qlvb', secret: 'secret-b', agencyCode: '28.22.H17', name: 'UBND xã Hòa Sơn' };

/**
 * Signing and verification on the wire: A signs with its key what it sends over the
 * simulated axis, B reads and verifies it; then what real transports and peers do to a
 * signed message, delivered as they would leave it (the simulator never makes these).
 */
describe('signed messages over the axis', () => {
  let pki: TestPki;
  let sim: DocumentExchangeSimulator;
  let signatures: SignatureService;
  let a: DocumentExchangeConnector;
  let b: DocumentExchangeConnector;
  beforeAll(async () => {
    pki = await getTestPki();
    sim = await startDocumentExchangeSimulator({ seed: 9, systems: [A, B] });
    signatures = createSignatureService({ trust: pki.trustMaterial, workers: 1 });
    const hoaTien = await pki.issue({ organisation: 'UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng', organId: A.agencyCode });
    a = createDocumentExchangeConnector({ url: sim.url, systemId: A.systemId, secret: A.secret, agencyCode: A.agencyCode, timeoutMs: 5000, signatures, signingKey: hoaTien.signingKey });
    b = createDocumentExchangeConnector({ url: sim.url, systemId: B.systemId, secret: B.secret, agencyCode: B.agencyCode, timeoutMs: 5000, signatures });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close(), signatures.close()]);
    await sim.close();
  });

  it('signs a document as it leaves, stores the signed bytes on the axis, and the recipient verifies them', async () => {
    expect(a.signs).toBe(true);
    const sent = await a.sendDocument(unsignedSdkSample());
    expect(sent.signatures?.document.status).toBe('VERIFIED');
    expect(sim.stored(sent.docId)!.equals(sent.bytes)).toBe(true);
    const [delivery] = await b.listReceived();
    const received = await b.getMessage(delivery!.docId);
    expect(received.bytes.equals(sent.bytes)).toBe(true);
    expect(received.signatures!.document).toMatchObject({ status: 'VERIFIED', signer: { organisation: 'UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng' } });
    expect(received.signatures!.attachments['cid:209']!.status).toBe('VERIFIED');
  });

  it('signs status messages too', async () => {
    const status = buildEdxmlStatus({
      from: { organId: A.agencyCode, organName: A.name },
      responseFor: { organId: B.agencyCode, code: '1/UBND', documentId: `${B.agencyCode},2026/01/02,1/UBND` },
      statusCode: '03',
      statusLabel: '',
      timestamp: '2026-01-02T09:00:00+07:00',
      traces: [],
    });
    const { docId, signatures: verdict } = await a.sendStatus(status);
    expect(verdict).toBeNull();
    expect(sim.stored(docId)!.toString('utf8')).toMatch(/<edXML:MessageHeader>[\s\S]*<\/edXML:MessageHeader>\s*<ds:Signature xmlns:ds="http:\/\/www.w3.org\/2000\/09\/xmldsig#">/);
  });

  describe('what transports and peers do to a signed message', () => {
    let signed: Buffer;
    beforeAll(async () => {
      signed = (await a.sendDocument(unsignedSdkSample())).bytes;
    });
    const deliver = async (bytes: Buffer) => {
      const docId = sim.deliverUnchecked(B.systemId, bytes, { from: A.agencyCode, messageType: 'edoc' });
      return (await b.getMessage(docId)).signatures!.document;
    };

    it('stays VERIFIED when a transport rewrites line ends as CRLF (XML parsing normalises them before canonicalization)', async () => {
      expect((await deliver(Buffer.from(signed.toString('utf8').replace(/\n/g, '\r\n'), 'utf8'))).status).toBe('VERIFIED');
    });

    it('stays VERIFIED with a UTF-8 byte order mark in front', async () => {
      expect((await deliver(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), signed]))).status).toBe('VERIFIED');
    });

    it('becomes INVALID when a peer pretty-prints or re-indents the signed content', async () => {
      const reindented = signed.toString('utf8').replace('<edXML:Subject>', '\n          <edXML:Subject>');
      expect(await deliver(Buffer.from(reindented, 'utf8'))).toMatchObject({ status: 'INVALID', reason: expect.stringMatching(/digest of the signed content does not match/) });
    });

    it('becomes INVALID when a peer re-declares the edXML namespace under another prefix', async () => {
      const reprefixed = signed.toString('utf8').replace(/edXML:/g, 'ns1:').replace(/xmlns:edXML=/g, 'xmlns:ns1=');
      expect((await deliver(Buffer.from(reprefixed, 'utf8'))).status).toBe('INVALID');
    });

    it('is NOT_SIGNED when a peer strips the signature, and still VERIFIED when it drops the intermediate certificate, which the trust store supplies', async () => {
      const text = signed.toString('utf8');
      expect((await deliver(Buffer.from(text.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''), 'utf8'))).status).toBe('NOT_SIGNED');
      // KeyInfo is outside what is signed: dropping the intermediate only leaves the path to be built from the trust store.
      const certificates = [...text.matchAll(/<ds:X509Certificate>[^<]+<\/ds:X509Certificate>/g)].map((m) => m[0]);
      expect(certificates).toHaveLength(2);
      expect((await deliver(Buffer.from(text.replace(certificates[1]!, ''), 'utf8'))).status).toBe('VERIFIED');
    });
  });

  it("verifies what another implementation signs the same way: the simulator's demo systems (xml-crypto of their own)", async () => {
    const demo = await startDocumentExchangeSimulator({ seed: 3, systems: [A, B], demoPki: true });
    const trust = { certificates: readDerBlocks(Buffer.from(demo.pki!.caPem), 'certificate', 'demo CA'), crls: readDerBlocks(Buffer.from(demo.pki!.crlPem), 'crl', 'demo CRL') };
    const service = createSignatureService({ trust, workers: 0 });
    const reader = createDocumentExchangeConnector({ url: demo.url, systemId: B.systemId, secret: B.secret, agencyCode: B.agencyCode, timeoutMs: 5000, signatures: service });
    try {
      const docId = demo.sendAs(A.systemId, demo.signAs(A.systemId, unsignedSdkSample()), 'edoc');
      const [delivery] = await reader.listReceived();
      expect(demo.stored(docId)!.equals(demo.stored(delivery!.docId)!)).toBe(true);
      expect((await reader.getMessage(delivery!.docId)).signatures!.document).toMatchObject({ status: 'VERIFIED', reason: null, signer: { organisation: A.name } });
    } finally {
      await Promise.all([reader.close(), service.close()]);
      await demo.close();
    }
  });
});
