/**
 * An element of a parsed message with its namespace resolved: the shape every reader in
 * this folder works on, so none of them ever sees a prefix.
 */
export interface XmlElement {
  /** The qualified name as written, e.g. `edXML:From`. */
  name: string;
  /** The local name, e.g. `From`. */
  local: string;
  /** The namespace URI the element is in; undefined for no namespace. */
  namespace: string | undefined;
  /** Attributes by name as written; namespace declarations are not included. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, entity references decoded, not yet trimmed. */
  text: string;
  /** True when `text` is the raw, undecoded content of an attachment (read as a stop node). */
  raw: boolean;
}
