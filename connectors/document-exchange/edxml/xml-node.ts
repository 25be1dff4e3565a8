/** An element to write: a leaf with `text`, or a container with `children`. */
export interface XmlNode {
  /** The qualified name, e.g. `edXML:From`. */
  name: string;
  attributes?: Record<string, string>;
  text?: string;
  children?: XmlNode[];
}

/** The prefix the builder writes every edXML element with, as the samples do. */
const PREFIX = 'edXML';

/**
 * An `edXML:`-prefixed container. Absent children are skipped, and a container left with
 * none is itself absent unless `keepEmpty` says its presence means something.
 */
export function element(
  local: string,
  children: ReadonlyArray<XmlNode | undefined>,
  { attributes, keepEmpty = false }: { attributes?: Record<string, string>; keepEmpty?: boolean } = {},
): XmlNode | undefined {
  const present = children.filter((child): child is XmlNode => child !== undefined);
  if (present.length === 0 && !keepEmpty) return undefined;
  return { name: `${PREFIX}:${local}`, attributes, children: present };
}

/** An `edXML:`-prefixed leaf, absent when its value is. */
export function leaf(local: string, text: string | undefined): XmlNode | undefined {
  return text === undefined ? undefined : { name: `${PREFIX}:${local}`, text };
}
