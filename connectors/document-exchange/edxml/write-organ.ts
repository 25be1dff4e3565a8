import { objectValue, requiredTextValue, textValue } from './build-values';
import type { EdxmlOrgan } from './types';
import { element } from './xml-node';
import type { XmlNode } from './xml-node';

/** `From`/`To` in a document, in the SDK sample's order. */
export const DOCUMENT_ORGAN_ORDER = ['organId', 'organizationInCharge', 'organName', 'organAdd', 'email', 'telephone', 'fax', 'website'] as const;
/** `From` in a status message, in the real status messages' order. */
export const STATUS_ORGAN_ORDER = ['organId', 'organName', 'organizationInCharge', 'organAdd', 'email', 'telephone', 'fax', 'website'] as const;

/** An organ element; each field becomes the element of the same name capitalised (`organAdd` → `OrganAdd`). */
export function writeOrgan(name: 'From' | 'To', organ: EdxmlOrgan, field: string, order: typeof DOCUMENT_ORGAN_ORDER | typeof STATUS_ORGAN_ORDER): XmlNode {
  const value = objectValue(organ, field);
  return element(
    name,
    order.map((key) => {
      const text = key === 'organId' ? requiredTextValue(value.organId, `${field}.organId`) : textValue(value[key], `${field}.${key}`);
      return text === undefined ? undefined : { name: `edXML:${key.charAt(0).toUpperCase()}${key.slice(1)}`, text };
    }),
  ) as XmlNode;
}
