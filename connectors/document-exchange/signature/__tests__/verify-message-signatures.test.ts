import { createTrustStore, type TrustStore } from '../../../kit/pki';
import { getTestPki, type TestIdentity, type TestPki } from '../../../kit/pki/testing/create-test-pki';
import { signEdxmlMessage } from '../sign-edxml-message';
import { appendIncrementalUpdate, makeTestPdf, signTestPdf } from '../testing/sign-test-pdf';
import { buildTestDocument, edxmlTime, sdkSample, unsignedSdkSample } from '../testing/test-messages';
import { verifyMessageSignatures } from '../verify-message-signatures';
import { XMLDSIG } from '../xmldsig-algorithms';

const HOUR = 3600_000;

describe('verifying an edXML message signature', () => {
  let pki: TestPki;
  let store: TrustStore;
  beforeAll(async () => {
    pki = await getTestPki();
    store = await createTrustStore(pki.trustMaterial);
  });

  const verify = (xml: string, options: { allowSha1?: boolean; now?: Date } = {}) => verifyMessageSignatures(Buffer.from(xml, 'utf8'), { store, ...options });
  const signedBy = (identity: TestIdentity, xml = buildTestDocument()) => signEdxmlMessage(xml, identity.signingKey);

  it('reports VERIFIED with the signer, the signing time and no reason for a message signed by the sender with a trusted certificate', async () => {
    const sentAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const { document } = await verify(signedBy(pki.agency, buildTestDocument({ sentAt })));
    expect(document).toEqual({
      status: 'VERIFIED',
      reason: null,
      signer: { name: 'Văn thư UBND Tỉnh Nghệ An', organisation: 'UBND Tỉnh Nghệ An', serialNumber: pki.agency.serialNumber, issuer: 'C=VN, O=Lienthong test PKI, CN=Lienthong Test Issuing CA' },
      signedAt: sentAt.toISOString(),
      checkedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('verifies an ECDSA signature (P-256, ecdsa-sha256) as well as RSA', async () => {
    const ecdsa = await pki.issue({ organisation: 'UBND Tỉnh Nghệ An', organId: '000.00.00.H41', keyAlgorithm: 'ECDSA' });
    const signed = signedBy(ecdsa);
    expect(signed).toContain('Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"');
    expect((await verify(signed)).document.status).toBe('VERIFIED');
  });

  it('verifies the SDK sample as it really looks (CRLF, tabs, mixed prefixes) once signed as the standard says', async () => {
    const hoaTien = await pki.issue({ organisation: 'UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng', organId: '002.00.20.H13' });
    // xml-crypto writes the signed message with LF; a transport that turns it back into CRLF
    // changes nothing signed, since XML parsing normalises line ends before canonicalization.
    const signed = signEdxmlMessage(unsignedSdkSample(), hoaTien.signingKey).replace(/\n/g, '\r\n');
    const { document, attachments } = await verify(signed);
    expect(document.status).toBe('VERIFIED');
    // The zip attachment has no signature of its own: the message's signature covers it.
    expect(attachments['cid:209']).toMatchObject({ status: 'VERIFIED', reason: 'covered by the message signature' });
  });

  it('reports INVALID when one byte of the signed content changes', async () => {
    const signed = signedBy(pki.agency);
    const tampered = signed.replace('quý III', 'quý IV');
    expect(tampered).not.toBe(signed);
    const { document } = await verify(tampered);
    expect(document).toMatchObject({ status: 'INVALID', reason: 'the digest of the signed content does not match: the message was changed after it was signed', signer: { serialNumber: pki.agency.serialNumber } });
  });

  it('reports INVALID for the message and its attachment when one byte of an attachment changes', async () => {
    const content = Buffer.from('Nội dung tệp đính kèm, không ký riêng', 'utf8');
    const signed = signedBy(pki.agency, buildTestDocument({ attachments: [{ name: 'phu-luc.txt', contentType: 'text/plain', content }] }));
    const base64 = content.toString('base64');
    const changed = Buffer.from(content);
    changed[0]! ^= 0x01;
    const { document, attachments } = await verify(signed.replace(base64, changed.toString('base64')));
    expect(document.status).toBe('INVALID');
    expect(attachments['cid:1']).toMatchObject({ status: 'INVALID', reason: expect.stringMatching(/^covered by the message signature: the digest/) });
  });

  it('reports INVALID when the signature value itself is changed', async () => {
    const signed = signedBy(pki.agency);
    const value = /<ds:SignatureValue>([^<]+)</.exec(signed)![1]!;
    const flipped = `${value.slice(0, 10)}${value[10] === 'A' ? 'B' : 'A'}${value.slice(11)}`;
    const { document } = await verify(signed.replace(value, flipped));
    expect(document.status).toBe('INVALID');
    expect(document.reason).toMatch(/signature value does not verify/);
  });

  it('reports UNTRUSTED for a certificate from an unknown root', async () => {
    const { document } = await verify(signedBy(pki.stranger));
    expect(document).toMatchObject({ status: 'UNTRUSTED', reason: expect.stringMatching(/does not chain to a trusted CA/), signer: { serialNumber: pki.stranger.serialNumber } });
  });

  it('reports EXPIRED for a certificate that had expired at the signing time', async () => {
    const { document } = await verify(signedBy(pki.expired));
    expect(document.status).toBe('EXPIRED');
    expect(document.reason).toMatch(/^the signer's certificate expired on 2021-01-01T00:00:00.000Z, before the signing time/);
  });

  it('reports REVOKED for a certificate the CRL lists as revoked before the signing time', async () => {
    const { document } = await verify(signedBy(pki.revoked));
    expect(document).toMatchObject({ status: 'REVOKED', reason: expect.stringMatching(new RegExp(`serial ${pki.revoked.serialNumber}\\) was revoked on`)) });
  });

  it('reports UNTRUSTED when a trusted certificate names another organisation than the sender', async () => {
    const { document } = await verify(signedBy(pki.government));
    expect(document).toMatchObject({ status: 'UNTRUSTED', reason: 'the certificate (O=Văn phòng Chính phủ, CN=Văn phòng Chính phủ) does not name the sender 000.00.00.H41 (UBND Tỉnh Nghệ An)' });
  });

  it('matches the sender by name without diacritics when the certificate carries no organ id', async () => {
    const unaccented = await pki.issue({ organisation: 'UBND TINH NGHE AN', commonName: 'Nguyen Van A' });
    expect((await verify(signedBy(unaccented))).document.status).toBe('VERIFIED');
  });

  it('reports UNVERIFIABLE for a signing time in the future beyond the clock tolerance', async () => {
    const { document } = await verify(signedBy(pki.agency, buildTestDocument({ sentAt: new Date(Date.now() + 2 * HOUR) })));
    expect(document).toMatchObject({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/signing time in the future/) });
  });

  it('reports UNVERIFIABLE for an RSA key under 2048 bits, however intact the signature', async () => {
    const weak = await pki.issue({ organisation: 'UBND Tỉnh Nghệ An', organId: '000.00.00.H41', rsaBits: 1024 });
    expect((await verify(signedBy(weak))).document).toMatchObject({ status: 'UNVERIFIABLE', reason: "the signer's RSA key has 1024 bits; at least 2048 are accepted" });
  });

  it('reports NOT_SIGNED for a message without a signature, and its attachments too', async () => {
    const { document, attachments } = await verify(buildTestDocument({ attachments: [{ name: 'a.txt', contentType: 'text/plain', content: Buffer.from('a') }] }));
    expect(document).toMatchObject({ status: 'NOT_SIGNED', reason: null, signer: null, signedAt: null });
    expect(attachments['cid:1']!.status).toBe('NOT_SIGNED');
  });

  describe("the Government Office SDK's samples", () => {
    it('come out UNVERIFIABLE, saying their Signature is outside the XML-DSig namespace', async () => {
      const { document, attachments } = await verify(sdkSample());
      expect(document.status).toBe('UNVERIFIABLE');
      expect(document.reason).toBe(
        "the message's Signature is not in the XML-DSig namespace (http://www.w3.org/2000/09/xmldsig#) but in http://www.mic.gov.vn/TBT/QCVN_102_2016, as the Government Office SDK samples write it: no XML-DSig verifier can check such a signature",
      );
      expect(attachments['cid:209']!.status).toBe('UNVERIFIABLE');
    });

    it('stay UNVERIFIABLE when their signature block is moved into the XML-DSig namespace: SHA-1 is refused', async () => {
      const namespaced = sdkSample().replace(/<Signature>([\s\S]*)<\/Signature>/, (block) => block.replace(/<(\/?)(\w+)/g, '<$1ds:$2').replace('<ds:Signature>', `<ds:Signature xmlns:ds="${XMLDSIG}">`));
      const { document } = await verify(namespaced);
      expect(document).toMatchObject({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/uses SHA-1, refused unless trust.allowSha1/) });
    });

    it('stay UNVERIFIABLE with SHA-1 allowed: their transform URI is not an algorithm and their certificate a placeholder', async () => {
      const namespaced = sdkSample().replace(/<Signature>([\s\S]*)<\/Signature>/, (block) => block.replace(/<(\/?)(\w+)/g, '<$1ds:$2').replace('<ds:Signature>', `<ds:Signature xmlns:ds="${XMLDSIG}">`));
      const { document } = await verify(namespaced, { allowSha1: true });
      expect(document).toMatchObject({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/transforms .*xml-exc-c14n#\) are not/) });
      const fixedTransform = namespaced.replace('http://www.w3.org/TR/xml-exc-c14n#', 'http://www.w3.org/2001/10/xml-exc-c14n#');
      expect((await verify(fixedTransform, { allowSha1: true })).document).toMatchObject({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/X509Certificate 1 in KeyInfo cannot be read .*truncated or a placeholder/) });
    });
  });

  describe('strictness: nothing but the one whole-message reference', () => {
    function signedWith(edit: (signed: string) => string): string {
      return edit(signedBy(pki.agency));
    }

    it('refuses a reference to a single element, even when its own signature over that element is intact', async () => {
      const xml = buildTestDocument().replace('<edXML:MessageHeader>', '<edXML:MessageHeader Id="header">');
      const { SignedXml } = await import('xml-crypto');
      const signer = new SignedXml({ privateKey: pki.agency.privateKey, publicCert: pki.agency.certificatePem, signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
      signer.addReference({ xpath: "//*[local-name()='MessageHeader']", transforms: ['http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
      signer.computeSignature(xml, { prefix: 'ds', location: { reference: "//*[local-name()='edXMLHeader']", action: 'append' } });
      const { document } = await verify(signer.getSignedXml());
      expect(document).toMatchObject({ status: 'UNVERIFIABLE', reason: 'the Reference signs only the element #header, not the whole message (URI="")' });
    });

    it('never fetches an external reference', async () => {
      const { document } = await verify(signedWith((s) => s.replace('<ds:Reference URI="">', '<ds:Reference URI="http://attacker.example/payload.xml">')));
      expect(document).toMatchObject({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/points outside the message .*never fetches/) });
    });

    it('refuses a second signature and a second reference', async () => {
      const signed = signedBy(pki.agency);
      const block = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0];
      expect((await verify(signed.replace('</edXML>', `${block}</edXML>`))).document).toMatchObject({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/carries 2 XML-DSig signatures/) });
      const reference = /<ds:Reference[\s\S]*<\/ds:Reference>/.exec(signed)![0];
      expect((await verify(signed.replace(reference, reference + reference))).document).toMatchObject({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/has 2 references/) });
    });

    it('refuses other transforms (an XPath filter could sign less than the message)', async () => {
      const { document } = await verify(
        signedWith((s) => s.replace('<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>', '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>not(ancestor-or-self::*)</ds:XPath></ds:Transform>')),
      );
      expect(document).toMatchObject({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/are not the enveloped-signature transform followed by at most one canonicalization/) });
    });

    it('refuses a signature placed elsewhere than the header or the root', async () => {
      const signed = signedBy(pki.agency);
      const block = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0];
      const moved = signed.replace(block, '').replace('</edXML:MessageHeader>', `${block}</edXML:MessageHeader>`);
      expect((await verify(moved)).document).toMatchObject({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/sits in <edXML:MessageHeader>/) });
    });

    it('accepts the signature as the last child of the root, where XML-DSig tools put it', async () => {
      const signed = signedBy(pki.agency);
      const block = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0];
      // Enveloped: moving it changes nothing the digest covers.
      const moved = signed.replace(block, '').replace('</edXML>', `${block}</edXML>`);
      expect((await verify(moved)).document.status).toBe('VERIFIED');
    });

    it('accepts SHA-1 only when configured for legacy senders', async () => {
      const { SignedXml } = await import('xml-crypto');
      const signer = new SignedXml({ privateKey: pki.agency.privateKey, publicCert: pki.agency.certificatePem, signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
      signer.addReference({ xpath: '/*', uri: '', isEmptyUri: true, transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: 'http://www.w3.org/2000/09/xmldsig#sha1' });
      signer.computeSignature(buildTestDocument(), { prefix: 'ds', location: { reference: "//*[local-name()='edXMLHeader']", action: 'append' } });
      const legacy = signer.getSignedXml();
      expect((await verify(legacy)).document.status).toBe('UNVERIFIABLE');
      expect((await verify(legacy, { allowSha1: true })).document.status).toBe('VERIFIED');
    });

    it('does not take a certificate from the signature as a trust anchor', async () => {
      const selfMade = signedBy(pki.stranger).replace('</ds:X509Data>', `<ds:X509Certificate>${Buffer.from(pki.unknownRoot.certificate).toString('base64')}</ds:X509Certificate></ds:X509Data>`);
      // The KeyInfo is outside what is signed (enveloped), so adding a certificate there keeps the signature intact.
      expect((await verify(selfMade)).document.status).toBe('UNTRUSTED');
    });
  });

  describe('signed PDF attachments', () => {
    let signedPdf: Buffer;
    beforeAll(async () => {
      signedPdf = await signTestPdf(await makeTestPdf('Quyết định số 125/QĐ-UBND'), pki.agency);
    });

    const withPdf = (pdf: Buffer, identity: TestIdentity | null = pki.agency) => {
      const xml = buildTestDocument({ attachments: [{ name: 'quyet-dinh.pdf', contentType: 'application/pdf', content: pdf }] });
      return identity ? signedBy(identity, xml) : xml;
    };

    it('verifies a PDF signed with a USB-token-style PKCS#7 signature: signer and signing time from its CMS', async () => {
      const { attachments } = await verify(withPdf(signedPdf, null));
      expect(attachments['cid:1']).toMatchObject({ status: 'VERIFIED', signer: { name: 'Văn thư UBND Tỉnh Nghệ An', serialNumber: pki.agency.serialNumber }, signedAt: expect.stringMatching(/^\d{4}-/) });
    });

    it('reports a signed PDF changed after signing INVALID, even inside a validly signed message', async () => {
      // One glyph of the shown text, in the page's content stream, changed.
      const tampered = Buffer.from(signedPdf.toString('latin1').replace(/\[<([0-9a-f])/, (_, digit: string) => `[<${digit === '0' ? '1' : '0'}`), 'latin1');
      expect(tampered.equals(signedPdf)).toBe(false);
      const { document, attachments } = await verify(withPdf(tampered));
      expect(document.status).toBe('VERIFIED');
      expect(attachments['cid:1']).toMatchObject({ status: 'INVALID', reason: 'the PDF was changed after it was signed: its signed bytes no longer match the digest in its signature' });
    });

    it('reports an incremental update after the signature INVALID, "modified after signing"', async () => {
      const { attachments } = await verify(withPdf(appendIncrementalUpdate(signedPdf, 'sửa sau khi ký')));
      expect(attachments['cid:1']).toMatchObject({ status: 'INVALID', reason: expect.stringMatching(/^modified after signing: \d+ bytes follow the last signed byte \(an incremental update that no signature covers\)$/) });
    });

    it('accepts an incremental update that a second signature covers (leader, then the agency clerk)', async () => {
      const twice = await signTestPdf(appendIncrementalUpdate(signedPdf, 'ghi chú'), pki.agency);
      expect((await verify(withPdf(twice, null))).attachments['cid:1']!.status).toBe('VERIFIED');
    });

    it('judges the PDF signer against the trust store: unknown root UNTRUSTED, expired EXPIRED, revoked REVOKED', async () => {
      const pdf = await makeTestPdf('Công văn');
      const statusOf = async (identity: TestIdentity) => (await verify(withPdf(await signTestPdf(pdf, identity), null))).attachments['cid:1']!.status;
      expect(await statusOf(pki.stranger)).toBe('UNTRUSTED');
      expect(await statusOf(pki.expired)).toBe('EXPIRED');
      expect(await statusOf(pki.revoked)).toBe('REVOKED');
    });

    it('does not require a PDF to be signed by the sender: a forwarded decision keeps its own signer', async () => {
      const forwarded = await signTestPdf(await makeTestPdf('Quyết định của Văn phòng Chính phủ'), pki.government);
      expect((await verify(withPdf(forwarded))).attachments['cid:1']).toMatchObject({ status: 'VERIFIED', signer: { organisation: 'Văn phòng Chính phủ' } });
    });

    it('takes an unsigned PDF as covered by the message signature', async () => {
      const { attachments } = await verify(withPdf(await makeTestPdf('Phụ lục')));
      expect(attachments['cid:1']).toMatchObject({ status: 'VERIFIED', reason: 'covered by the message signature' });
    });

    it('reports a byte range that leaves out more than the signature INVALID (signature wrapping)', async () => {
      const text = signedPdf.toString('latin1');
      const [, a, b, c, d] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text)!.map(Number) as number[];
      const widened = `/ByteRange [${a} ${b! - 10} ${c} ${d}]`;
      const original = /\/ByteRange\s*\[[^\]]*\]/.exec(text)![0];
      const wrapped = Buffer.from(text.replace(original, widened.padEnd(original.length, ' ')), 'latin1');
      expect((await verify(withPdf(wrapped, null))).attachments['cid:1']).toMatchObject({ status: 'INVALID', reason: expect.stringMatching(/not exactly its \/Contents/) });
    });
  });

  it('uses the sender TraceHeader time as the signing time, so a message sent while the certificate was valid stays VERIFIED after it expired', async () => {
    const shortLived = await pki.issue({ organisation: 'UBND Tỉnh Nghệ An', organId: '000.00.00.H41', notBefore: new Date(Date.now() - 10 * HOUR), notAfter: new Date(Date.now() - 2 * HOUR) });
    const sentAt = new Date(Date.now() - 5 * HOUR);
    const xml = buildTestDocument({ sentAt });
    expect(xml).toContain(edxmlTime(sentAt));
    expect((await verify(signedBy(shortLived, xml))).document).toMatchObject({ status: 'VERIFIED', signedAt: new Date(Math.floor(sentAt.getTime() / 1000) * 1000).toISOString() });
  });
});
