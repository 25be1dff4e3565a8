import { X509Certificate } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import * as pkijs from 'pkijs';
import { SignedXml } from 'xml-crypto';
import type { Der } from '../../kit/pki/read-der-blocks';
import { EDXML_NAMESPACE } from '../edxml';
import { CANONICALIZATIONS, DIGESTS, ENVELOPED_SIGNATURE, hashAlgorithmClasses, SIGNATURE_METHODS, signatureAlgorithmClasses, XMLDSIG } from './xmldsig-algorithms';

/** What the XML signature of a message says by itself, before any certificate is trusted. */
export type XmlSignatureCheck =
  | { outcome: 'NOT_SIGNED' }
  | { outcome: 'UNVERIFIABLE'; reason: string; certificate?: Der }
  | { outcome: 'INVALID'; reason: string; certificate: Der; carried: Der[] }
  /** The whole message, as signed, is intact under the signer's key. */
  | { outcome: 'INTACT'; certificate: Der; carried: Der[] };

export interface CheckXmlSignatureOptions {
  /** Accept SHA-1 digests and rsa-sha1 (legacy senders). @default false */
  allowSha1?: boolean;
}

/** The smallest RSA key accepted. */
const MIN_RSA_BITS = 2048;

/**
 * Checks the enveloped XML signature of an edXML message on its raw text, as signed, with
 * xml-crypto over @xmldom/xmldom (never on the gateway's parsed model). Our reading of
 * QCVN 102:2016 (docs/signatures.md): exactly one `Signature` in the XML-DSig namespace,
 * a child of `edXMLHeader` (where the standard's sample puts it) or of the root, with
 * exactly one `Reference URI=""`, transforms enveloped-signature then at most one
 * canonicalization, and the signer's certificate in `KeyInfo/X509Data`. So what is
 * verified is the whole message (header, body, every attachment) minus the signature:
 * exactly what the gateway then shows, which leaves no room for signature wrapping.
 *
 * Anything else is UNVERIFIABLE with the reason, never guessed at: a `Signature` outside
 * the XML-DSig namespace (the Government Office SDK's samples), several signatures or
 * references, a reference to an element or an external URI (never fetched), another
 * transform, an algorithm not on the list (SHA-1 only with `allowSha1`), an RSA key under
 * 2048 bits, a certificate that cannot be read. A digest or signature value that does not
 * match is INVALID.
 */
export function checkXmlSignature(xml: string, { allowSha1 = false }: CheckXmlSignatureOptions = {}): XmlSignatureCheck {
  const document = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(xml, 'text/xml');
  const root = document.documentElement;
  if (!root) return { outcome: 'UNVERIFIABLE', reason: 'the message has no root element' };

  const all = Array.from(document.getElementsByTagNameNS('*', 'Signature'));
  const signatures = all.filter((element) => element.namespaceURI === XMLDSIG);
  if (signatures.length === 0) {
    if (all.length === 0) return { outcome: 'NOT_SIGNED' };
    const namespace = all[0]!.namespaceURI;
    return {
      outcome: 'UNVERIFIABLE',
      reason:
        `the message's Signature is not in the XML-DSig namespace (${XMLDSIG}) but in ${namespace ? namespace : 'no namespace'}, ` +
        'as the Government Office SDK samples write it: no XML-DSig verifier can check such a signature',
    };
  }
  if (signatures.length > 1) {
    return { outcome: 'UNVERIFIABLE', reason: `the message carries ${signatures.length} XML-DSig signatures; our reading of QCVN 102:2016 is one enveloped signature over the whole message` };
  }
  const signature = signatures[0]!;
  const placement = checkPlacement(signature, root);
  if (placement) return { outcome: 'UNVERIFIABLE', reason: placement };

  const problem = checkStructure(signature, allowSha1);
  if (problem) return { outcome: 'UNVERIFIABLE', reason: problem };

  const certificates = readCertificates(signature);
  if (typeof certificates === 'string') return { outcome: 'UNVERIFIABLE', reason: certificates };
  const { signer, carried } = certificates;
  const method = SIGNATURE_METHODS[attribute(child(child(signature, 'SignedInfo')!, 'SignatureMethod')!, 'Algorithm')]!;
  const publicKey = new X509Certificate(signer).publicKey;
  const keyType = publicKey.asymmetricKeyType === 'rsa-pss' ? 'rsa' : publicKey.asymmetricKeyType;
  if (keyType !== method.key) {
    return { outcome: 'UNVERIFIABLE', reason: `the signature method needs an ${method.key.toUpperCase()} key; the certificate holds a ${publicKey.asymmetricKeyType} key`, certificate: signer };
  }
  const bits = publicKey.asymmetricKeyDetails?.modulusLength;
  if (keyType === 'rsa' && (bits ?? 0) < MIN_RSA_BITS) {
    return { outcome: 'UNVERIFIABLE', reason: `the signer's RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are accepted`, certificate: signer };
  }

  const verifier = new SignedXml({ publicCert: publicKey, getCertFromKeyInfo: () => null });
  verifier.SignatureAlgorithms = signatureAlgorithmClasses(allowSha1);
  verifier.HashAlgorithms = hashAlgorithmClasses(allowSha1);
  try {
    verifier.loadSignature(signature as unknown as Node);
    if (!verifier.checkSignature(xml)) {
      return { outcome: 'INVALID', reason: 'the digest of the signed content does not match: the message was changed after it was signed', certificate: signer, carried };
    }
  } catch (error) {
    const message = (error as Error).message;
    const reason = /signature value .* is incorrect/.test(message)
      ? "the signature value does not verify with the signer's certificate: the signed header or the signature was changed, or another key signed it"
      : `the signature could not be checked: ${message}`;
    return { outcome: 'INVALID', reason, certificate: signer, carried };
  }
  // Belt and braces: what xml-crypto vouched for is the one whole-message reference we accepted.
  const references = verifier.getReferences();
  if (references.length !== 1 || references[0]!.uri !== '' || verifier.getSignedReferences().length !== 1) {
    return { outcome: 'UNVERIFIABLE', reason: 'the verified references are not the one whole-message reference expected', certificate: signer };
  }
  return { outcome: 'INTACT', certificate: signer, carried };
}

/** Where the sample puts it (edXMLEnvelope/edXMLHeader) or where XML-DSig tools do (the root); null when it is one of those. */
function checkPlacement(signature: Element, root: Element): string | null {
  const parent = signature.parentNode as Element | null;
  if (parent === root) return null;
  const envelope = parent?.parentNode as Element | null;
  const isEdxml = (element: Element | null | undefined, name: string) => element?.namespaceURI === EDXML_NAMESPACE && element.localName === name;
  if (isEdxml(parent, 'edXMLHeader') && isEdxml(envelope, 'edXMLEnvelope') && envelope?.parentNode === root) return null;
  return `the Signature sits in <${parent?.nodeName ?? '?'}>; our reading of QCVN 102:2016 puts it in edXMLEnvelope/edXMLHeader (or as a child of the root)`;
}

/** The shape QCVN 102 calls for: one SignedInfo with accepted algorithms and one whole-message Reference. Null when it is. */
function checkStructure(signature: Element, allowSha1: boolean): string | null {
  const signedInfos = children(signature, 'SignedInfo');
  if (signedInfos.length !== 1) return `the signature has ${signedInfos.length} SignedInfo elements; it needs one`;
  if (children(signature, 'SignatureValue').length !== 1) return 'the signature has no single SignatureValue';
  const signedInfo = signedInfos[0]!;
  const c14n = attribute(child(signedInfo, 'CanonicalizationMethod'), 'Algorithm');
  if (!CANONICALIZATIONS.has(c14n)) return `canonicalization ${JSON.stringify(c14n)} is not accepted (C14N 1.0 or exclusive C14N, with or without comments)`;
  const methodUri = attribute(child(signedInfo, 'SignatureMethod'), 'Algorithm');
  const method = SIGNATURE_METHODS[methodUri];
  if (!method) return `signature method ${JSON.stringify(methodUri)} is not accepted (RSA or ECDSA with SHA-256, SHA-384 or SHA-512)`;
  if (method.legacy && !allowSha1) return `signature method ${methodUri} uses SHA-1, refused unless trust.allowSha1 is set for legacy senders`;

  const references = children(signedInfo, 'Reference');
  if (references.length !== 1) return `the signature has ${references.length} references; our reading of QCVN 102:2016 is one, URI="", over the whole message`;
  const reference = references[0]!;
  if (!reference.hasAttribute('URI')) return 'the Reference has no URI; the whole message is signed with URI=""';
  const uri = reference.getAttribute('URI')!;
  if (uri.startsWith('#')) return `the Reference signs only the element ${uri}, not the whole message (URI="")`;
  if (uri !== '') return `the Reference points outside the message (${JSON.stringify(uri.slice(0, 200))}); the gateway never fetches what a signature points to`;
  const transforms = children(child(reference, 'Transforms'), 'Transform').map((transform) => attribute(transform, 'Algorithm'));
  const allowed = transforms[0] === ENVELOPED_SIGNATURE && (transforms.length === 1 || (transforms.length === 2 && CANONICALIZATIONS.has(transforms[1]!)));
  if (!allowed) return `the Reference's transforms (${transforms.join(', ') || 'none'}) are not the enveloped-signature transform followed by at most one canonicalization`;
  const digestUri = attribute(child(reference, 'DigestMethod'), 'Algorithm');
  const digest = DIGESTS[digestUri];
  if (!digest) return `digest method ${JSON.stringify(digestUri)} is not accepted (SHA-256, SHA-384 or SHA-512)`;
  if (digest.legacy && !allowSha1) return `digest method ${digestUri} is SHA-1, refused unless trust.allowSha1 is set for legacy senders`;
  if (!child(reference, 'DigestValue')) return 'the Reference has no DigestValue';
  return null;
}

/** The certificates of KeyInfo/X509Data: the signer (the one issuing none of the others, else the first) and the rest. */
function readCertificates(signature: Element): { signer: Der; carried: Der[] } | string {
  const texts = children(signature, 'KeyInfo').flatMap((keyInfo) => children(keyInfo, 'X509Data')).flatMap((data) => children(data, 'X509Certificate')).map((element) => element.textContent ?? '');
  if (texts.length === 0) return "the signature carries no X509Certificate in KeyInfo; the gateway does not look signers' certificates up elsewhere";
  const parsed: Array<{ der: Der; certificate: pkijs.Certificate }> = [];
  for (const [index, text] of texts.entries()) {
    const base64 = text.replace(/\s+/g, '');
    try {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) throw new Error('not base64');
      const der = Uint8Array.from(Buffer.from(base64, 'base64'));
      parsed.push({ der, certificate: pkijs.Certificate.fromBER(der) });
    } catch {
      return `X509Certificate ${index + 1} in KeyInfo cannot be read as a certificate (${base64.length} base64 characters: truncated or a placeholder?)`;
    }
  }
  const issuesAnother = (candidate: pkijs.Certificate) => parsed.some(({ certificate }) => certificate !== candidate && certificate.issuer.isEqual(candidate.subject));
  const leaves = parsed.filter(({ certificate }) => !issuesAnother(certificate));
  const signer = leaves.length === 1 ? leaves[0]! : parsed[0]!;
  return { signer: signer.der, carried: parsed.filter((p) => p !== signer).map((p) => p.der) };
}

function children(parent: Element | undefined, localName: string): Element[] {
  if (!parent) return [];
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === XMLDSIG && (node as Element).localName === localName);
}

function child(parent: Element | undefined, localName: string): Element | undefined {
  return children(parent, localName)[0];
}

function attribute(element: Element | undefined, name: string): string {
  return element?.getAttribute(name) ?? '';
}
