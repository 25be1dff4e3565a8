import type { ElementReader } from './element-reader';
import type { EdxmlTrace } from './types';

/** `TraceHeaderList/TraceHeader*`, in message order. */
export function readTraces(traceHeaderList: ElementReader | undefined): EdxmlTrace[] {
  return (traceHeaderList?.children('TraceHeader') ?? []).map((trace) => ({
    organId: trace.requireText('OrganId'),
    timestamp: trace.requireTimestamp('Timestamp'),
  }));
}
