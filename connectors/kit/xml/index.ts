/**
 * The one XML reader of the connectors (edXML messages, SOAP answers): hardened,
 * namespace-aware, linear. See readXml for what it accepts and refuses.
 */
export { readXml } from './read-xml';
export type { ReadXmlOptions } from './read-xml';
export type { XmlElement, XmlAttribute } from './xml-element';
export { resolveXmlLimits } from './xml-limits';
export type { XmlLimits, ResolvedXmlLimits } from './xml-limits';
export { XmlReadError } from './xml-read-error';
export type { XmlProblem, XmlReadErrorDetails } from './xml-read-error';
export { findChild, findChildren } from './find-children';
export { readAttribute } from './read-attribute';
export { isXsiNil, XSI_NAMESPACE } from './is-xsi-nil';
