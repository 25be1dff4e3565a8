export { GATEWAY_TRACER, startTelemetry } from './start-telemetry';
export type { StartTelemetryOptions, Telemetry } from './start-telemetry';
export { traceRequests } from './trace-requests';
export { useOperationTracing } from './use-operation-tracing';
