export { createGatewayMetrics, BREAKER_STATE_VALUES } from './create-gateway-metrics';
export type { GatewayMetrics, RequestOutcome, CacheResult, SyncLag, OutboxDepth, NotificationOutcome, NotificationsToday } from './create-gateway-metrics';
export { createOperationLabel } from './create-operation-label';
