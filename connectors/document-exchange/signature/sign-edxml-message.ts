import { SignedXml } from 'xml-crypto';
import type { SigningKey } from '../../kit/pki';
import { DIGESTS, ENVELOPED_SIGNATURE, hashAlgorithmClasses, SIGNATURE_METHODS, signatureAlgorithmClasses, XMLDSIG } from './xmldsig-algorithms';

const EXCLUSIVE_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
/** Where the signature goes: where the standard's sample has it, the last child of edXMLHeader. */
const HEADER = "/*[local-name()='edXML']/*[local-name()='edXMLEnvelope']/*[local-name()='edXMLHeader']";

/**
 * Signs an edXML message as our reading of QCVN 102:2016 has it (docs/signatures.md): an
 * enveloped W3C XML Signature (`ds:` in the XML-DSig namespace) appended to
 * `edXMLEnvelope/edXMLHeader`, one `Reference URI=""` over the whole message (header,
 * body and attachments) with the enveloped-signature and exclusive C14N transforms,
 * SHA-256 (or the key's hash for P-384/P-521) digest, RSA PKCS#1 v1.5 or ECDSA, and the
 * certificate with its CA chain in `KeyInfo/X509Data`. Made with xml-crypto; what comes
 * out is what checkXmlSignature accepts.
 * @throws Error when the message already carries an XML-DSig signature or has no edXMLHeader.
 */
export function signEdxmlMessage(xml: string, key: SigningKey): string {
  if (xml.includes(XMLDSIG) && /<([\w.-]+:)?Signature[\s>]/.test(xml)) throw new Error('the message already carries an XML-DSig signature; it is sent as it is or not at all');
  const keyType = key.privateKey.asymmetricKeyType === 'ec' ? 'ec' : 'rsa';
  const signatureMethod = Object.entries(SIGNATURE_METHODS).find(([, m]) => m.key === keyType && m.hash === key.hash && !m.legacy && !m.pss)![0];
  const digestMethod = Object.entries(DIGESTS).find(([, d]) => d.hash === key.hash)![0];
  const signer = new SignedXml({
    privateKey: key.privateKey,
    publicCert: [key.certificate, ...key.chain].map(toPem).join(''),
    signatureAlgorithm: signatureMethod,
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
  });
  signer.SignatureAlgorithms = signatureAlgorithmClasses(false);
  signer.HashAlgorithms = hashAlgorithmClasses(false);
  signer.addReference({ xpath: '/*', uri: '', isEmptyUri: true, transforms: [ENVELOPED_SIGNATURE, EXCLUSIVE_C14N], digestAlgorithm: digestMethod });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: HEADER, action: 'append' } });
  return signer.getSignedXml();
}

function toPem(der: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
}
