import { GatewayError } from '../../../src/errors';
import { findChild, readXml, XmlReadError, type HttpResponse, type XmlElement } from '../../kit';

const SOAP_11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP_12 = 'http://www.w3.org/2003/05/soap-envelope';

/**
 * Where an envelope may be: SOAP 1.1 (what ASMX services speak), SOAP 1.2 (what some
 * answer with whatever was asked), or no namespace at all (hand-built answers).
 */
const ENVELOPE_NAMESPACES: ReadonlySet<string | undefined> = new Set([SOAP_11, SOAP_12, undefined]);

/** What the answer to one operation is read against. */
export interface SoapCall {
  source: string;
  operation: string;
  /** The namespaces the service's own elements may be in: its namespace, and none for unqualified ones. */
  serviceNamespaces: ReadonlySet<string | undefined>;
}

/**
 * Reads a SOAP answer with the connectors' one XML reader (connectors/kit/xml) and returns
 * its `{operation}Result` element, or throws the catalogue error it amounts to:
 * - not readable XML (malformed, a DTD, an unknown entity, beyond the reader's limits) or
 *   no envelope: UPSTREAM_UNAVAILABLE when the status is 5xx (a proxy's error page),
 *   UPSTREAM_BAD_RESPONSE otherwise;
 * - a `Fault`, SOAP 1.1 (`faultcode`, `faultstring`, `detail`) or 1.2 (`Code/Value`,
 *   `Reason/Text`, `Detail`): UPSTREAM_AUTH_FAILED when its detail says the credentials
 *   were refused (`XAC_THUC_THAT_BAI`), else UPSTREAM_ERROR with `upstreamCode` the
 *   detail's `MaLoi`, else the fault code;
 * - a non-200 status without a fault: UPSTREAM_UNAVAILABLE;
 * - no `{operation}Response/{operation}Result` in the service's namespace (or none):
 *   UPSTREAM_BAD_RESPONSE, naming the namespace it came in when that is the difference.
 * Elements are matched by namespace and local name, whatever the prefixes.
 */
export function readSoapAnswer(res: HttpResponse, { source, operation, serviceNamespaces }: SoapCall): XmlElement {
  const unreadable = res.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE';
  let root: XmlElement;
  try {
    root = readXml(res.body);
  } catch (err) {
    if (!(err instanceof XmlReadError)) throw err;
    const { line, column } = err.details;
    throw new GatewayError(unreadable, `${source} answered HTTP ${res.status} with XML that cannot be read: ${err.message}`, { source, upstreamCode: res.status, line, column }, err);
  }
  const envelope = root.local === 'Envelope' && ENVELOPE_NAMESPACES.has(root.namespace) ? root : undefined;
  const envelopeNamespace = new Set([envelope?.namespace]);
  const body = envelope && findChild(envelope, ['Body'], envelopeNamespace);
  if (!body) {
    throw new GatewayError(unreadable, `${source} answered HTTP ${res.status} without a SOAP envelope (its root element is <${root.name}>)`, { source, upstreamCode: res.status });
  }
  const fault = findChild(body, ['Fault'], envelopeNamespace);
  if (fault) throw faultError(fault, source, serviceNamespaces);
  if (res.status !== 200) {
    throw new GatewayError('UPSTREAM_UNAVAILABLE', `${source} answered HTTP ${res.status} without a SOAP fault`, { source, upstreamCode: res.status });
  }

  const response = findChild(body, [`${operation}Response`], serviceNamespaces);
  const result = response && findChild(response, [`${operation}Result`], serviceNamespaces);
  if (result) return result;
  const elsewhere = body.children.find((child) => child.local === `${operation}Response`);
  const why = elsewhere && !response ? ` in its namespace (it came in ${elsewhere.namespace ?? 'no namespace'})` : '';
  throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered ${operation} without ${operation}Response/${operation}Result${why}`, { source });
}

function faultError(fault: XmlElement, source: string, serviceNamespaces: ReadonlySet<string | undefined>): GatewayError {
  // SOAP 1.1 fault children are unqualified (some services qualify them anyway); SOAP 1.2's are in the envelope namespace.
  const own = new Set([undefined, fault.namespace]);
  const text = (element: XmlElement | undefined): string | undefined => element?.text.trim() || undefined;
  const code12 = findChild(fault, ['Code'], own);
  const faultCode = text(findChild(fault, ['faultcode'], own)) ?? text(code12 && findChild(code12, ['Value'], own)) ?? 'Server';
  const reasons = findChild(fault, ['Reason'], own);
  const message = text(findChild(fault, ['faultstring'], own)) ?? text(reasons && findChild(reasons, ['Text'], own)) ?? 'no fault message';
  const detail = findChild(fault, ['detail', 'Detail'], own);
  const detailItem = detail && findChild(detail, ['ChiTietLoi'], serviceNamespaces);
  const detailCode = text(detailItem && findChild(detailItem, ['MaLoi'], serviceNamespaces));
  const code = detailCode === 'XAC_THUC_THAT_BAI' ? 'UPSTREAM_AUTH_FAILED' : 'UPSTREAM_ERROR';
  return new GatewayError(code, `${source} answered a SOAP fault (${faultCode}): ${message}`, { source, upstreamCode: detailCode ?? faultCode });
}
