import type { AgencyRecord, ProcedureRecord, SectorRecord } from '../domain/procedure';
import type { DossierRecord } from '../domain';
import type { DocumentCopy } from '../documents';
import type { AuditEntry, Delivery, WebhookListing } from '../store';
import type { EdxmlAttachment, SignatureReport } from '../../connectors/document-exchange';
import type { CatalogueFreshness } from '../catalogue';

/**
 * What resolvers pass around for each GraphQL type (codegen `mappers`): the domain
 * records plus what the GraphQL layer adds. References stay codes until a field asks.
 */
export type FreshnessModel = CatalogueFreshness;

export interface ProcedureModel extends ProcedureRecord {
  freshness: FreshnessModel;
}

export type AgencyModel = AgencyRecord;
export type SectorModel = SectorRecord;

export interface EdgeModel<T> {
  cursor: string;
  node: T;
}

export interface ConnectionModel<T> {
  edges: Array<EdgeModel<T>>;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
  freshness: FreshnessModel;
}

export type ProcedureEdgeModel = EdgeModel<ProcedureModel>;
export type AgencyEdgeModel = EdgeModel<AgencyModel>;
export type ProcedureConnectionModel = ConnectionModel<ProcedureModel>;
export type AgencyConnectionModel = ConnectionModel<AgencyModel>;

export interface DossierModel extends DossierRecord {
  freshness: FreshnessModel;
}

export type DossierEdgeModel = EdgeModel<DossierModel>;
/** A page of dossiers; `count` reads the total only when `totalCount` is asked for. */
export type DossierConnectionModel = Omit<ConnectionModel<DossierModel>, 'totalCount'> & { count: () => Promise<number> };

export type DocumentEdgeModel = EdgeModel<DocumentCopy>;
export type DocumentConnectionModel = Omit<ConnectionModel<DocumentCopy>, 'freshness'>;
export interface DocumentAttachmentModel {
  copyId: string;
  attachment: EdxmlAttachment;
  /** Its own verdict (a signed PDF), or the message's, which covers it. */
  signature: SignatureReport;
}

/** An audit entry as the store holds it. */
export type AuditEntryModel = AuditEntry;

/** A webhook registration as the store lists it (its secret is never read, nor a field). */
export type WebhookModel = WebhookListing;
/** A webhook call that failed for good: the delivery as the store holds it. */
export type WebhookDeadLetterModel = Delivery;
