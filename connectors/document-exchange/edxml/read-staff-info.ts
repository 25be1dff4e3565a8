import type { ElementReader } from './element-reader';
import type { EdxmlStaffInfo } from './types';
import { withoutUndefined } from './without-undefined';

/** `StaffInfo`, or undefined when it is absent or says nothing. */
export function readStaffInfo(staffInfo: ElementReader | undefined): EdxmlStaffInfo | undefined {
  if (!staffInfo) return undefined;
  const result = withoutUndefined({
    department: staffInfo.text('Department'),
    staff: staffInfo.text('Staff'),
    email: staffInfo.text('Email'),
    mobile: staffInfo.text('Mobile'),
  });
  return Object.keys(result).length === 0 ? undefined : result;
}
