import { createHash, createSign, createVerify, sign, verify, type KeyLike } from 'node:crypto';
import type { HashAlgorithm, SignatureAlgorithm } from 'xml-crypto';

/** The XML-DSig namespace (W3C XML Signature, 2000/09). */
export const XMLDSIG = 'http://www.w3.org/2000/09/xmldsig#';
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** Canonicalizations accepted, for SignedInfo and as a Reference's last transform. */
export const CANONICALIZATIONS: ReadonlySet<string> = new Set([
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
]);

/** Digest methods by URI: SHA-2 always, SHA-1 only where configured for legacy senders. */
export const DIGESTS: Readonly<Record<string, { hash: string; legacy: boolean }>> = {
  'http://www.w3.org/2001/04/xmlenc#sha256': { hash: 'sha256', legacy: false },
  'http://www.w3.org/2001/04/xmldsig-more#sha384': { hash: 'sha384', legacy: false },
  'http://www.w3.org/2001/04/xmlenc#sha512': { hash: 'sha512', legacy: false },
  'http://www.w3.org/2000/09/xmldsig#sha1': { hash: 'sha1', legacy: true },
};

/** Signature methods by URI (RSA PKCS#1 v1.5, RSA-PSS, ECDSA), the key type each needs, and whether it is legacy. */
export const SIGNATURE_METHODS: Readonly<Record<string, { key: 'rsa' | 'ec'; hash: string; legacy: boolean; pss?: boolean }>> = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { key: 'rsa', hash: 'sha256', legacy: false },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { key: 'rsa', hash: 'sha384', legacy: false },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { key: 'rsa', hash: 'sha512', legacy: false },
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1': { key: 'rsa', hash: 'sha256', legacy: false, pss: true },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { key: 'ec', hash: 'sha256', legacy: false },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { key: 'ec', hash: 'sha384', legacy: false },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { key: 'ec', hash: 'sha512', legacy: false },
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { key: 'rsa', hash: 'sha1', legacy: true },
};

/**
 * xml-crypto algorithm classes for exactly the methods above, built on node:crypto (no
 * cryptography of ours): the registry a SignedXml is given so that nothing else (HMAC,
 * SHA-1 unless allowed) can ever be used. ECDSA values are r‖s (XML-DSig 1.1, RFC 4050),
 * which is node's `ieee-p1363` encoding.
 */
export function signatureAlgorithmClasses(allowLegacy: boolean): Record<string, new () => SignatureAlgorithm> {
  const classes: Record<string, new () => SignatureAlgorithm> = {};
  for (const [uri, method] of Object.entries(SIGNATURE_METHODS)) {
    if (method.legacy && !allowLegacy) continue;
    const options = (key: KeyLike) =>
      method.key === 'ec'
        ? { key, dsaEncoding: 'ieee-p1363' as const }
        : method.pss
          ? { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: -1 /* RSA_PSS_SALTLEN_DIGEST */ }
          : { key };
    classes[uri] = class {
      getAlgorithmName = () => uri;
      getSignature = ((signedInfo: string, privateKey: KeyLike) =>
        method.key === 'ec'
          ? sign(method.hash, Buffer.from(signedInfo, 'utf8'), options(privateKey) as never).toString('base64')
          : createSign(method.hash).update(signedInfo).sign(options(privateKey) as never, 'base64')) as SignatureAlgorithm['getSignature'];
      verifySignature = ((material: string, key: KeyLike, signatureValue: string) =>
        method.key === 'ec'
          ? verify(method.hash, Buffer.from(material, 'utf8'), options(key) as never, Buffer.from(signatureValue, 'base64'))
          : createVerify(method.hash).update(material).verify(options(key) as never, signatureValue, 'base64')) as SignatureAlgorithm['verifySignature'];
    };
  }
  return classes;
}

/** xml-crypto hash classes for the digests above (SHA-1 only when allowed). */
export function hashAlgorithmClasses(allowLegacy: boolean): Record<string, new () => HashAlgorithm> {
  const classes: Record<string, new () => HashAlgorithm> = {};
  for (const [uri, digest] of Object.entries(DIGESTS)) {
    if (digest.legacy && !allowLegacy) continue;
    classes[uri] = class {
      getAlgorithmName = () => uri;
      getHash = (xml: string) => createHash(digest.hash).update(xml, 'utf8').digest('base64');
    };
  }
  return classes;
}
