import { textValue } from './build-values';
import type { EdxmlStaffInfo } from './types';
import { element, leaf } from './xml-node';
import type { XmlNode } from './xml-node';

/** `StaffInfo` in a document's Bussiness, in the SDK sample's order. */
export const BUSINESS_STAFF_ORDER = ['department', 'staff', 'email', 'mobile'] as const;
/** `StaffInfo` in a status message, in the real status messages' order. */
export const STATUS_STAFF_ORDER = ['department', 'staff', 'mobile', 'email'] as const;

/** `StaffInfo`, or nothing when it is absent or empty. */
export function writeStaffInfo(
  staffInfo: EdxmlStaffInfo | undefined,
  field: string,
  order: typeof BUSINESS_STAFF_ORDER | typeof STATUS_STAFF_ORDER,
): XmlNode | undefined {
  if (staffInfo === undefined || staffInfo === null) return undefined;
  return element(
    'StaffInfo',
    order.map((key) => leaf(`${key.charAt(0).toUpperCase()}${key.slice(1)}`, textValue(staffInfo[key], `${field}.${key}`))),
  );
}
