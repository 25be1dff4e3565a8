import { dateValue, objectValue, requiredTextValue } from './build-values';
import type { EdxmlResponseFor } from './types';
import { element, leaf } from './xml-node';
import type { XmlNode } from './xml-node';

export function writeResponseFor(responseFor: EdxmlResponseFor, field: string): XmlNode {
  const value = objectValue(responseFor, field);
  return element('ResponseFor', [
    leaf('OrganId', requiredTextValue(value.organId, `${field}.organId`)),
    leaf('Code', requiredTextValue(value.code, `${field}.code`)),
    leaf('PromulgationDate', dateValue(value.promulgationDate, `${field}.promulgationDate`)),
    leaf('DocumentId', requiredTextValue(value.documentId, `${field}.documentId`)),
  ]) as XmlNode;
}
