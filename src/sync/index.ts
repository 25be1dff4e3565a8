export { createPortalPusher, PORTAL_CONSUMER } from './portal-pusher';
export type { PortalPusher, PortalPusherOptions, PortalTarget, PushRound } from './portal-pusher';
export { backoffDelay } from './backoff';
export { createRateLimiter } from './rate-limiter';
export type { RateLimiter } from './rate-limiter';
export { createSyncAdmin } from './sync-admin';
export type { PortalDifference, ProvinceSyncReport, SyncAdmin, SyncAdminOptions } from './sync-admin';
