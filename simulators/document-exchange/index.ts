export { startDocumentExchangeSimulator, DEFAULT_SYSTEMS } from './start-document-exchange-simulator';
export type { DocumentExchangeSimulator, DocumentExchangeSimulatorOptions, InboxEntry } from './start-document-exchange-simulator';
export { AXIS_ERROR_CODES, AxisRefusal } from './axis-reply';
export type { AxisSystem, AxisMessageType, AxisTransportStatus } from './types';
export type { AxisAgency } from './list-agencies';
export type { DemoIdentity, DemoPki } from './create-demo-pki';
