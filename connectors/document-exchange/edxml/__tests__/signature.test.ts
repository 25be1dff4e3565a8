import { parseEdxmlDocument, XMLDSIG_NAMESPACE } from '..';
import { fixture } from './fixtures';

const DOCUMENT = fixture('edoc_new.vpcp-sdk.edxml');
/** A self-signed test certificate (CN=Van thu test), base64 DER as XML-DSig carries it. */
const CERTIFICATE = fixture('test-certificate.pem').replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');

/** The sample's signature block, moved into the XML-DSig namespace with a ds: prefix and a real certificate. */
function xmldsigDocument(): string {
  const block = /<Signature>[\s\S]*<\/Signature>/.exec(DOCUMENT)?.[0] as string;
  const namespaced = block
    .replace(/<(\/?)(\w+)/g, '<$1ds:$2')
    .replace('<ds:Signature>', `<ds:Signature xmlns:ds="${XMLDSIG_NAMESPACE}">`)
    .replace('MIIFqTCCBJG', `\n${CERTIFICATE.replace(/.{64}/g, '$&\n')}\n`);
  return DOCUMENT.replace(block, namespaced);
}

describe('the signature report', () => {
  it('reports a Signature in the XML-DSig namespace, with the certificate it carries', () => {
    const { signature } = parseEdxmlDocument(xmldsigDocument());
    expect(signature).toEqual({
      present: true,
      xmldsigNamespace: true,
      enveloped: true,
      canonicalizationAlgorithm: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
      signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
      digestAlgorithm: 'http://www.w3.org/2000/09/xmldsig#sha1',
      hasX509Certificate: true,
      x509SubjectName: 'CN=user05',
      certificate: {
        subject: 'C=VN, O=lienthong test, CN=Van thu test',
        issuer: 'C=VN, O=lienthong test, CN=Van thu test',
        serialNumber: '1A2B3C',
        validFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/),
        validTo: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
      verification: 'NOT_VERIFIED',
    });
  });

  it('finds the signature as the last child of the root too, where XML-DSig tools usually put it', () => {
    const xml = xmldsigDocument();
    const block = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(xml)?.[0] as string;
    const moved = xml.replace(block, '').replace(/<\/edXML>\s*$/, `${block}\n</edXML>\n`);
    expect(parseEdxmlDocument(moved).signature).toMatchObject({ present: true, xmldsigNamespace: true, enveloped: true });
  });

  it('reads a digest algorithm written as text, as one SDK does', () => {
    const xml = DOCUMENT.replace(
      '<DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1" />',
      '<DigestMethod>http://www.w3.org/2001/04/xmlenc#sha256</DigestMethod>',
    );
    expect(parseEdxmlDocument(xml).signature.digestAlgorithm).toBe('http://www.w3.org/2001/04/xmlenc#sha256');
  });

  it('does not call a reference enveloped without the enveloped-signature transform', () => {
    const xml = DOCUMENT.replace('<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature" />', '');
    expect(parseEdxmlDocument(xml).signature).toMatchObject({ present: true, enveloped: false });
  });

  it('reports no signature on an unsigned message, and never fails a message for a broken one', () => {
    expect(parseEdxmlDocument(DOCUMENT.replace(/<Signature>[\s\S]*<\/Signature>/, '')).signature).toEqual({
      present: false,
      xmldsigNamespace: false,
      enveloped: false,
      hasX509Certificate: false,
      verification: 'NOT_VERIFIED',
    });
    const broken = parseEdxmlDocument(DOCUMENT.replace(/<SignedInfo>[\s\S]*<\/SignedInfo>/, '').replace('MIIFqTCCBJG', '!!!'));
    expect(broken.signature).toEqual({
      present: true,
      xmldsigNamespace: false,
      enveloped: false,
      hasX509Certificate: true,
      x509SubjectName: 'CN=user05',
      verification: 'NOT_VERIFIED',
    });
  });
});
