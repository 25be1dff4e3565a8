/**
 * An element of a document read by readXml, its namespace resolved: the one shape every
 * XML reader of the connectors works on, so none of them ever matches on a prefix.
 */
export interface XmlElement {
  /** The qualified name as written, e.g. `edXML:From`. */
  name: string;
  /** The local name, e.g. `From`. */
  local: string;
  /** The namespace URI the element is in; undefined for no namespace. */
  namespace: string | undefined;
  /** Attributes in document order; namespace declarations (`xmlns`, `xmlns:p`) are not among them. */
  attributes: XmlAttribute[];
  children: XmlElement[];
  /**
   * All character data directly inside the element, in document order: text with its
   * references decoded, CDATA sections as they are, line ends normalised to `\n`.
   * Never trimmed here: what is meaningful whitespace is the reader's decision.
   */
  text: string;
}

/** An attribute with its namespace resolved (an unprefixed attribute is in no namespace). */
export interface XmlAttribute {
  name: string;
  local: string;
  namespace: string | undefined;
  /** The value, references decoded and whitespace normalised as XML 1.0 §3.3.3 says. */
  value: string;
}
