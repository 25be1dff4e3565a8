import type { EdxmlEnvelope } from './read-edxml-envelope';
import { readOrgan } from './read-organ';
import { readResponseFor } from './read-response-for';
import { readStaffInfo } from './read-staff-info';
import { readTraces } from './read-traces';
import { EDXML_STATUS_CODES, isEdxmlStatusCode } from './status-codes';
import type { EdxmlStatus } from './types';
import { withoutUndefined } from './without-undefined';

/** The status message in an envelope (QCVN 102:2016, MessageHeader of a phản hồi). */
export function readStatus({ header, messageHeader: message }: EdxmlEnvelope): EdxmlStatus {
  const written = message.requireText('StatusCode');
  // A one-digit code ("3") is the same code with its leading zero dropped.
  const statusCode = /^\d$/.test(written) ? `0${written}` : written;
  if (!isEdxmlStatusCode(statusCode)) {
    throw message.requireChild('StatusCode').invalid(`must be one of ${Object.keys(EDXML_STATUS_CODES).sort().join(', ')}; got ${JSON.stringify(written)}`);
  }
  return withoutUndefined({
    from: readOrgan(message.requireChild('From')),
    responseFor: readResponseFor(message.requireChild('ResponseFor')),
    staffInfo: readStaffInfo(message.child('StaffInfo')),
    statusCode,
    statusLabel: EDXML_STATUS_CODES[statusCode].label,
    description: message.text('Description'),
    timestamp: message.requireTimestamp('Timestamp'),
    traces: readTraces(header.child('TraceHeaderList')),
  });
}
