import type { Logger } from 'pino';
import type { AuditHeadRepository } from './audit-head-repository';
import type { AuditRepository } from './audit-repository';
import type { CatalogueMirrorRepository } from './catalogue-mirror-repository';
import type { DeliveryRepository, WebhookRepository } from './delivery-repository';
import type { DossierRepository, LeaseRepository, OutboxRepository } from './dossier-repository';
import type { DataKeyring } from './seal';

/**
 * Every repository a store provides. Adding one is a line here plus one file per adapter
 * (listed in `sqlite/repositories.ts` and `mongo/repositories.ts`, which fail to compile
 * until it is there).
 */
export interface StoreRepositories {
  audit: AuditRepository;
  catalogue: CatalogueMirrorRepository;
  dossiers: DossierRepository;
  leases: LeaseRepository;
  outbox: OutboxRepository;
  auditHeads: AuditHeadRepository;
  deliveries: DeliveryRepository;
  webhooks: WebhookRepository;
}

export type StoreKind = 'sqlite' | 'mongodb';

/** The gateway's own persistent state. */
export interface Store extends StoreRepositories {
  readonly kind: StoreKind;
  /** The SQLite file path (or `:memory:`), or the MongoDB URI with its password redacted. */
  readonly location: string;
  /** Makes one cheap round trip; rejects with STORE_UNAVAILABLE when the store cannot answer. */
  ping(): Promise<void>;
  /** Waits for background work (purges, snapshot saves) and releases the database. */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A MongoDB connection string (`mongodb://` or `mongodb+srv://`); when set, the store is MongoDB. */
  mongodbUri?: string;
  /** Directory of the SQLite file, created if missing. @default './data' */
  dataDir?: string;
  /** The SQLite file name inside `dataDir`, or `':memory:'`. @default 'lienthong.db' */
  sqliteFile?: string;
  /**
   * Audit entries older than this are deleted: by a TTL index on MongoDB, by an hourly
   * purge on SQLite. @default 365
   */
  auditRetentionDays?: number;
  /**
   * The keys that seal personal data at rest (dossier records). Without it the store still
   * opens, but refuses to keep dossiers (CONFIG_INVALID).
   */
  dataKeyring?: DataKeyring;
  /** @default a disabled logger */
  logger?: Logger;
}
