import { X509Certificate } from 'node:crypto';
import { readAttribute } from '../../kit/xml';
import { decodeBase64 } from './decode-base64';
import { ElementReader } from './element-reader';
import { EDXML_NAMESPACE, XMLDSIG_NAMESPACE } from './namespaces';
import type { EdxmlSignature } from './types';
import { withoutUndefined } from './without-undefined';

const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** Where an enveloped signature may sit, nearest first: in the header (as in the sample), the envelope, the root. */
const SIGNATURE_NAMESPACES = [XMLDSIG_NAMESPACE, EDXML_NAMESPACE, undefined];

/**
 * Reports the message's `Signature`: whether there is one, whether it is in the XML-DSig
 * namespace, whether it is enveloped, its algorithms and its certificate. Nothing is
 * verified (`verification: 'NOT_VERIFIED'`), and a malformed signature block never fails
 * the message: it is reported as far as it can be read.
 *
 * The SDK sample writes `<Signature>` with no namespace declaration, so it inherits the
 * edXML default namespace; it is reported (with `xmldsigNamespace: false`) rather than
 * missed, because that is what real senders produce.
 */
export function readSignature(candidates: ElementReader[]): EdxmlSignature {
  const found = findSignature(candidates);
  if (!found) return { present: false, xmldsigNamespace: false, enveloped: false, hasX509Certificate: false, verification: 'NOT_VERIFIED' };

  const { element } = found;
  const signature = ElementReader.inNamespaces(element, found.path, [element.namespace, undefined]);
  const signedInfo = signature.child('SignedInfo');
  const references = signedInfo?.children('Reference') ?? [];
  const digestMethod = references[0]?.child('DigestMethod');
  const x509Data = signature.child('KeyInfo')?.child('X509Data');
  const certificateText = x509Data?.text('X509Certificate');

  return withoutUndefined({
    present: true,
    xmldsigNamespace: element.namespace === XMLDSIG_NAMESPACE,
    enveloped: references.some(
      (reference) =>
        readAttribute(reference.element, 'URI') === '' &&
        (reference.child('Transforms')?.children('Transform') ?? []).some((t) => t.attribute('Algorithm') === ENVELOPED_SIGNATURE),
    ),
    canonicalizationAlgorithm: signedInfo?.child('CanonicalizationMethod')?.attribute('Algorithm'),
    signatureAlgorithm: signedInfo?.child('SignatureMethod')?.attribute('Algorithm'),
    // Some SDKs write the digest algorithm as the element's text instead of its attribute.
    digestAlgorithm: digestMethod?.attribute('Algorithm') ?? digestMethod?.ownText(),
    hasX509Certificate: certificateText !== undefined,
    x509SubjectName: x509Data?.text('X509SubjectName'),
    certificate: certificateText === undefined ? undefined : readCertificate(certificateText),
    verification: 'NOT_VERIFIED' as const,
  });
}

function findSignature(candidates: ElementReader[]): ElementReader | undefined {
  for (const parent of candidates) {
    const children = parent.element.children.filter((child) => child.local === 'Signature' && SIGNATURE_NAMESPACES.includes(child.namespace));
    const signature = children.find((child) => child.namespace === XMLDSIG_NAMESPACE) ?? children[0];
    if (signature) return ElementReader.edxml(signature, `${parent.path}/Signature`);
  }
  return undefined;
}

/** The certificate's names and validity, when the base64 is a readable X.509 certificate; never validated. */
function readCertificate(base64: string): EdxmlSignature['certificate'] {
  try {
    const certificate = new X509Certificate(decodeBase64(base64));
    return {
      subject: certificate.subject.split('\n').join(', '),
      issuer: certificate.issuer.split('\n').join(', '),
      serialNumber: certificate.serialNumber,
      validFrom: new Date(certificate.validFrom).toISOString(),
      validTo: new Date(certificate.validTo).toISOString(),
    };
  } catch {
    return undefined;
  }
}
