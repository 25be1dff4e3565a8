import { integerValue, listValue, objectValue, refuse, requiredTextValue, textValue } from './build-values';
import { BUSINESS_DOC_TYPES } from './read-business';
import type { EdxmlBusiness } from './types';
import { BUSINESS_STAFF_ORDER, writeStaffInfo } from './write-staff-info';
import { element, leaf } from './xml-node';
import type { XmlNode } from './xml-node';

/**
 * `Bussiness` (the standard's spelling), in the SDK's order. Strict: a REPLACEMENT must
 * name what it replaces (ReplacementInfoList), replacement info belongs to REPLACEMENT
 * only and BussinessDocumentInfo to UPDATE only, as the SDKs write them.
 */
export function writeBusiness(business: EdxmlBusiness, field: string): XmlNode {
  const value = objectValue(business, field);
  const code = BUSINESS_DOC_TYPES.indexOf(value.businessDocType);
  if (code === -1) throw refuse(`${field}.businessDocType`, `must be one of ${BUSINESS_DOC_TYPES.join(', ')}; got ${JSON.stringify(value.businessDocType)}`);
  const replacements = listValue(value.replacementInfo, `${field}.replacementInfo`);
  if (value.businessDocType === 'REPLACEMENT' && replacements.length === 0) {
    throw refuse(`${field}.replacementInfo`, 'must name at least one replaced document for a REPLACEMENT');
  }
  if (value.businessDocType !== 'REPLACEMENT' && replacements.length > 0) {
    throw refuse(`${field}.replacementInfo`, `is only sent with a REPLACEMENT, not a ${value.businessDocType}`);
  }
  if (value.businessDocType !== 'UPDATE' && value.documentInfo !== undefined && value.documentInfo !== null) {
    throw refuse(`${field}.documentInfo`, `is only sent with an UPDATE, not a ${value.businessDocType}`);
  }

  const info = value.documentInfo ?? undefined;
  return element('Bussiness', [
    leaf('DocumentId', textValue(value.documentId, `${field}.documentId`)),
    leaf('BussinessDocType', String(code)),
    leaf('BussinessDocReason', textValue(value.businessDocReason, `${field}.businessDocReason`)),
    leaf('Paper', integerValue(value.paper, `${field}.paper`)),
    info &&
      element(
        'BussinessDocumentInfo',
        [
          leaf('DocumentInfo', integerValue(info.documentInfo, `${field}.documentInfo.documentInfo`)),
          leaf('DocumentReceiver', integerValue(info.documentReceiver, `${field}.documentInfo.documentReceiver`)),
          element(
            'ReceiverList',
            listValue(info.receivers, `${field}.documentInfo.receivers`).map((receiver, i) =>
              element('Receiver', [
                leaf('ReceiverType', integerValue(receiver?.receiverType, `${field}.documentInfo.receivers[${i}].receiverType`)),
                leaf('OrganId', requiredTextValue(receiver?.organId, `${field}.documentInfo.receivers[${i}].organId`)),
              ]),
            ),
          ),
        ],
        { keepEmpty: true },
      ),
    element(
      'ReplacementInfoList',
      replacements.map((replacement, i) =>
        element('ReplacementInfo', [
          leaf('DocumentId', requiredTextValue(replacement?.documentId, `${field}.replacementInfo[${i}].documentId`)),
          element(
            'OrganIdList',
            listValue(replacement?.organIds, `${field}.replacementInfo[${i}].organIds`).map((organId, j) =>
              leaf('OrganId', requiredTextValue(organId, `${field}.replacementInfo[${i}].organIds[${j}]`)),
            ),
          ),
        ]),
      ),
    ),
    writeStaffInfo(value.staffInfo, `${field}.staffInfo`, BUSINESS_STAFF_ORDER),
  ]) as XmlNode;
}
