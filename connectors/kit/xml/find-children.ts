import type { XmlElement } from './xml-element';

/**
 * The element children of `parent` whose local name is one of `names` and whose namespace
 * is one of `namespaces` (undefined standing for no namespace), in document order. Never
 * matches on a prefix: what a prefix stands for is already resolved in XmlElement.
 */
export function findChildren(parent: XmlElement, names: readonly string[], namespaces: ReadonlySet<string | undefined>): XmlElement[] {
  return parent.children.filter((child) => names.includes(child.local) && namespaces.has(child.namespace));
}

/** The first child findChildren would give, or undefined. */
export function findChild(parent: XmlElement, names: readonly string[], namespaces: ReadonlySet<string | undefined>): XmlElement | undefined {
  return parent.children.find((child) => names.includes(child.local) && namespaces.has(child.namespace));
}
