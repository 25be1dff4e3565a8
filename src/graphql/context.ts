import type { NationalProceduresConnector } from '../../connectors/national-procedures';
import type { Principal } from '../auth';
import type { AuditRepository } from '../store';
import type { ProcedureCatalogue } from '../catalogue';
import type { DossierRecord } from '../domain';
import type { DeliveryEngine } from '../delivery';
import type { DocumentRegistry } from '../documents';
import type { DossierPlane } from '../dossiers';
import type { SyncAdmin } from '../sync';
import type { GatewayError } from '../errors';
import type { Logger } from '../log';
import type { Printing } from '../printing';
import { createLoaders, type Loaders } from './loaders';

/** The sources a request can reach, built once at start. */
export interface Sources {
  nationalProcedures: NationalProceduresConnector;
  catalogue: ProcedureCatalogue;
  /** The provinces' dossiers, synced from their one-stop systems into the store. */
  dossiers: DossierPlane;
  /** Official documents held by the connected document systems on the exchange axis. */
  documents: DocumentRegistry;
  /** A dossier's procedure as a national code, through its province's alias table. */
  nationalCodeOf(dossier: DossierRecord): string | null;
  /** The national sync's operations (`sync:admin`). */
  syncAdmin: SyncAdmin;
  /** QR codes, barcodes, procedure boards and the lookup secrets, as configured. */
  printing: Printing;
  /** Status changes to subscriptions, webhooks and citizens; webhook registrations and message counts. */
  delivery: DeliveryEngine;
}

/** Per-request state every resolver receives. */
export interface GatewayContext {
  requestId: string;
  /** The caller's address as Fastify sees it (honours `trustProxy` when configured). */
  clientIp: string | null;
  /** Who is calling, from the verified bearer token (or the anonymous principal). */
  principal: Principal;
  /** Reads the audit log (after writing out what is still buffered, so a reader sees its own requests). */
  auditLog: Pick<AuditRepository, 'query'>;
  /** Schema coordinates of personal-data fields this response returned, for the audit log. */
  sensitiveFields: Set<string>;
  logger: Logger;
  sources: Sources;
  /** Per-request DataLoaders: one batch per type per tick, one cache per request. */
  loaders: Loaders;
  /**
   * Source failures that did not stop the answer (data served stale, or a source left
   * out). Sent in the response's `errors` next to the data by the source-warnings plugin.
   */
  warnings: GatewayError[];
  /** How long a query may wait for the catalogue's first load, in ms. */
  catalogueWaitMs: number;
  /** How long a query may wait for the provinces' first sync, in ms. */
  dossiersWaitMs: number;
  /** The WebSocket connection a subscription runs on, by identity (its subscriptions are capped per connection); absent over HTTP. */
  connection?: object;
}

/** The per-request context; its DataLoaders are made when a resolver first asks for them (most requests never do). */
export function createContext(base: Omit<GatewayContext, 'warnings' | 'loaders' | 'sensitiveFields'>): GatewayContext {
  const context = { ...base, warnings: [], sensitiveFields: new Set() } as unknown as GatewayContext;
  let loaders: Loaders | undefined;
  Object.defineProperty(context, 'loaders', { enumerable: true, get: () => (loaders ??= createLoaders(context)) });
  return context;
}
