import { readAttribute } from './read-attribute';
import type { XmlElement } from './xml-element';

/** The XML Schema instance namespace, whose `nil` attribute marks an element as null. */
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * Whether the element says it is null (`xsi:nil="true"`, XML Schema Part 1 §2.6.2) under
 * whatever prefix the XSI namespace is bound to. .NET services write it for null strings
 * and dates; such an element is absent in meaning, whatever text it might hold.
 */
export function isXsiNil(element: XmlElement): boolean {
  const nil = readAttribute(element, 'nil', XSI_NAMESPACE)?.trim();
  return nil === 'true' || nil === '1';
}
