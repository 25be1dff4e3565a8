import type { DossierRecord, DossierStepRecord } from '../../src/domain';
import type { HttpClient } from '../kit';
import type { StatusMapper } from './map-status';

/** One page of a vendor's dossier listing, already in the gateway's model. */
export interface DossierPage {
  items: DossierRecord[];
  /** Dossiers in the whole window, as the vendor counts them. */
  total: number;
}

/** A window of reception dates, `from` included, `to` excluded. */
export interface ReceptionWindow {
  from: Date;
  to: Date;
}

/**
 * One listing a one-stop system answers page by page:
 * - `received`: dossiers received in [from, to), in the vendor's stable order;
 * - `pending`: dossiers no reception window finds (registered online and not yet
 *   received, or refused at the desk), for dialects whose window filters on reception;
 * - `updated`: dossiers updated at or after `from`, oldest update first (dialects that
 *   filter by update time);
 * - `status`: dossiers in the given vendor status codes (dialects that filter by status).
 */
export type DossierListing =
  | ({ kind: 'received' } & ReceptionWindow)
  | { kind: 'pending' }
  | { kind: 'updated'; from: Date }
  | { kind: 'status'; vendorCodes: readonly string[] };

/**
 * What a vendor dialect provides; one file per vendor under `vendors/`. The connector
 * around it does the paging, counting and readiness; the vendor speaks its protocol and
 * turns its failures into catalogue errors.
 */
export interface OneStopVendor {
  /** The largest page the vendor serves; the connector never asks for more. */
  readonly maxPageSize: number;
  /** Which listings besides `received` the dialect answers. */
  readonly listings: {
    readonly pending: boolean;
    readonly updated: boolean;
    /** Vendor status codes one `status` listing may name; 0 when the dialect cannot filter by status. */
    readonly statusCodesPerCall: number;
  };
  /** Page `page` (0-based) of `size` dossiers of `listing`, with the listing's total. */
  listPage(listing: DossierListing, page: number, size: number): Promise<DossierPage>;
  /** One dossier with its processing steps, or null when the vendor does not know it. */
  getDossier(code: string): Promise<DossierRecord | null>;
  /**
   * The processing steps of one dossier, for vendors whose listing leaves them out (the
   * soap dialect); absent when listed dossiers already carry their steps.
   */
  getSteps?(code: string): Promise<DossierStepRecord[]>;
  /** One cheap authenticated call. */
  probe(): Promise<Record<string, unknown> | void>;
  /** Releases what the vendor opened besides the connector's HTTP client (e.g. an SSO client). */
  close?(): Promise<void>;
}

/** What every vendor factory receives besides its options. */
export interface VendorContext {
  source: string;
  http: HttpClient;
  mapStatus: StatusMapper;
}
