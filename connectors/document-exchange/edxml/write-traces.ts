import { listValue, requiredTextValue, requiredTimestampValue } from './build-values';
import type { EdxmlTrace } from './types';
import { element, leaf } from './xml-node';
import type { XmlNode } from './xml-node';

/** One `TraceHeader` per trace, timestamps in Vietnam time. */
export function writeTraces(traces: readonly EdxmlTrace[] | undefined, field: string): XmlNode[] {
  return listValue(traces, field).map(
    (trace, i) =>
      element('TraceHeader', [
        leaf('OrganId', requiredTextValue(trace?.organId, `${field}[${i}].organId`)),
        leaf('Timestamp', requiredTimestampValue(trace?.timestamp, `${field}[${i}].timestamp`)),
      ]) as XmlNode,
  );
}
