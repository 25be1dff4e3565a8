import { SignedXml } from 'xml-crypto';
import type { DemoIdentity } from './create-demo-pki';

const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const EXCLUSIVE_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';

/**
 * Signs an edXML message as a document system of the demo does: an enveloped XML-DSig
 * signature in edXMLHeader over the whole message (`URI=""`), RSA-SHA256, the certificate
 * chain in KeyInfo. Written here with xml-crypto, apart from the gateway's signer, so the
 * gateway's verification is tested against another implementation of the same reading.
 */
export function signDemoMessage(xml: string, identity: DemoIdentity): string {
  const signer = new SignedXml({
    privateKey: identity.keyPem,
    publicCert: identity.certificatePem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
  });
  signer.addReference({ xpath: '/*', uri: '', isEmptyUri: true, transforms: [ENVELOPED, EXCLUSIVE_C14N], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: "/*[local-name()='edXML']/*[local-name()='edXMLEnvelope']/*[local-name()='edXMLHeader']", action: 'append' } });
  return signer.getSignedXml();
}
