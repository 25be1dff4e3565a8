import type { XmlElement } from './xml-element';

/**
 * The value of the attribute `local` in `namespace` (undefined: an unprefixed attribute,
 * which is in no namespace), or undefined when the element has none.
 */
export function readAttribute(element: XmlElement, local: string, namespace?: string): string | undefined {
  return element.attributes.find((attribute) => attribute.local === local && attribute.namespace === namespace)?.value;
}
