/**
 * The gateway's own persistent state: a port of repositories named for what they hold,
 * with an SQLite and a MongoDB adapter behind `createStore`. No database type crosses
 * this file; nothing outside `src/store/` imports mongoose or better-sqlite3.
 */
export { createStore } from './create-store';
export type { Store, StoreKind, StoreOptions, StoreRepositories } from './store';
export { AUDIT_ENTRY_VERSION, AUDIT_TEXT_LIMITS, MAX_AUDIT_PAGE_SIZE } from './audit-repository';
export type {
  AuditAccess,
  AuditAttachmentTarget,
  AuditEntry,
  AuditFilter,
  AuditOperationType,
  AuditOutcome,
  AuditPage,
  AuditQueryResult,
  AuditRepository,
} from './audit-repository';
export type { AuditHeadRepository, SignedAuditHead } from './audit-head-repository';
export type { CatalogueMirrorRepository, CatalogueSnapshot, MirroredProcedure } from './catalogue-mirror-repository';
export type { JsonObject, JsonValue } from './json';
export type {
  AgencyScope,
  ApplyDossiersInput,
  ApplyDossiersResult,
  DossierChange,
  DossierClass,
  DossierCounts,
  DossierFacts,
  DossierPageRequest,
  DossierQuery,
  DossierRepository,
  DossierStatisticsQuery,
  DossierWrite,
  Lease,
  LeaseFence,
  LeaseRepository,
  OutboxDayCount,
  OutboxEntry,
  OutboxOutcome,
  OutboxRepository,
  StoredDossier,
  SyncCheckpoint,
} from './dossier-repository';
export { WEBHOOK_EVENTS } from './delivery-repository';
export type {
  Delivery,
  DeliveryChange,
  DeliveryCount,
  DeliveryDayCount,
  DeliveryDepth,
  DeliveryOutcome,
  DeliveryPlan,
  DeliveryRepository,
  DeliveryState,
  Webhook,
  WebhookEvent,
  WebhookListing,
  WebhookRepository,
} from './delivery-repository';
export { checkKeyring, isUnsealFailure, type DataKeyring } from './seal';
export { dossierSortKey } from './dossier-sort-key';
export { KEY_FILE, loadDataKeyring, readDataKeyFile, writeDataKeyFile } from './load-data-keyring';
export { holdLease, type HeldLease } from './hold-lease';
