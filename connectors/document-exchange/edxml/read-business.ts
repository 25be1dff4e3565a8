import type { ElementReader } from './element-reader';
import { readStaffInfo } from './read-staff-info';
import type { EdxmlBusiness, EdxmlBusinessDocType, EdxmlBusinessDocumentInfo } from './types';
import { withoutUndefined } from './without-undefined';

/** `BussinessDocType` codes, in the standard's order. */
export const BUSINESS_DOC_TYPES: readonly EdxmlBusinessDocType[] = ['NEW', 'REVOCATION', 'UPDATE', 'REPLACEMENT'];

/**
 * `TraceHeaderList/Bussiness`. The standard's spelling is read, and the correct one
 * (`Business…`) that some SDKs write. A message without a business block, or without a
 * `BussinessDocType`, is a new document, as it was before the block existed.
 */
export function readBusiness(business: ElementReader | undefined): EdxmlBusiness {
  if (!business) return { businessDocType: 'NEW', replacementInfo: [] };
  const code = business.integer('BussinessDocType', 'BusinessDocType');
  const businessDocType = code === undefined ? 'NEW' : BUSINESS_DOC_TYPES[code];
  if (businessDocType === undefined) {
    throw business.requireChild('BussinessDocType', 'BusinessDocType').invalid(
      `must be 0 (new), 1 (revocation), 2 (update) or 3 (replacement); got ${code}`,
    );
  }
  return withoutUndefined({
    documentId: business.text('DocumentId'),
    businessDocType,
    businessDocReason: business.text('BussinessDocReason', 'BusinessDocReason'),
    paper: business.integer('Paper'),
    documentInfo: readDocumentInfo(business.child('BussinessDocumentInfo', 'BusinessDocumentInfo')),
    replacementInfo: (business.child('ReplacementInfoList')?.children('ReplacementInfo') ?? []).map((replacement) => ({
      documentId: replacement.requireText('DocumentId'),
      organIds: replacement.child('OrganIdList')?.texts('OrganId') ?? [],
    })),
    staffInfo: readStaffInfo(business.child('StaffInfo')),
  });
}

function readDocumentInfo(info: ElementReader | undefined): EdxmlBusinessDocumentInfo | undefined {
  if (!info) return undefined;
  return withoutUndefined({
    documentInfo: info.integer('DocumentInfo'),
    documentReceiver: info.integer('DocumentReceiver'),
    receivers: (info.child('ReceiverList')?.children('Receiver') ?? []).map((receiver) =>
      withoutUndefined({ receiverType: receiver.integer('ReceiverType'), organId: receiver.requireText('OrganId') }),
    ),
  });
}
