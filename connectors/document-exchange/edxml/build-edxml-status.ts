import { objectValue, refuse, requiredTimestampValue, textValue } from './build-values';
import { EDXML_STATUS_CODES, isEdxmlStatusCode } from './status-codes';
import type { EdxmlStatus } from './types';
import { writeEdxmlMessage } from './write-edxml-message';
import { STATUS_ORGAN_ORDER, writeOrgan } from './write-organ';
import { writeResponseFor } from './write-response-for';
import { STATUS_STAFF_ORDER, writeStaffInfo } from './write-staff-info';
import { writeTraces } from './write-traces';
import { element, leaf } from './xml-node';

/**
 * Builds an edXML status message (QCVN 102:2016, StatusCode table in EDXML_STATUS_CODES):
 * `From`, `ResponseFor`, `StaffInfo`, `StatusCode`, `Description`, `Timestamp` in the
 * order real status messages use, no body, and a TraceHeaderList only when there are
 * traces. `statusLabel` is derived from the code and not written (edXML has no such
 * element). No `Signature` is produced: signing is out of scope.
 *
 * @throws GatewayError EDXML_INVALID with `extensions.field` naming the refused field.
 */
export function buildEdxmlStatus(status: EdxmlStatus): string {
  const value = objectValue(status, 'status');
  if (typeof value.statusCode !== 'string' || !isEdxmlStatusCode(value.statusCode)) {
    throw refuse('statusCode', `must be one of ${Object.keys(EDXML_STATUS_CODES).sort().join(', ')}; got ${JSON.stringify(value.statusCode)}`);
  }
  const messageHeader = element('MessageHeader', [
    writeOrgan('From', value.from, 'from', STATUS_ORGAN_ORDER),
    writeResponseFor(value.responseFor, 'responseFor'),
    writeStaffInfo(value.staffInfo, 'staffInfo', STATUS_STAFF_ORDER),
    leaf('StatusCode', value.statusCode),
    leaf('Description', textValue(value.description, 'description')),
    leaf('Timestamp', requiredTimestampValue(value.timestamp, 'timestamp')),
  ]);
  return writeEdxmlMessage([messageHeader, element('TraceHeaderList', writeTraces(value.traces, 'traces'))]);
}
