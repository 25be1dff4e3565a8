import type { DossierRecord, DossierStepRecord } from '../domain';

/**
 * One listing a province's one-stop system can answer, page by page:
 * - `received`: dossiers received in [from, to), in the vendor's stable order;
 * - `pending`: dossiers no reception window finds (registered online and not yet
 *   received, or refused at the desk), for dialects whose window filters on reception;
 * - `updated`: dossiers updated at or after `from`, oldest update first (dialects that
 *   filter by update time);
 * - `status`: dossiers in the given vendor status codes (dialects that filter by status).
 */
export type DossierListing =
  | { kind: 'received'; from: Date; to: Date }
  | { kind: 'pending' }
  | { kind: 'updated'; from: Date }
  | { kind: 'status'; vendorCodes: readonly string[] };

export interface DossierListingPage {
  items: DossierRecord[];
  /** Dossiers in the whole listing, as the vendor counts them. */
  total: number;
}

/**
 * What the sync needs of a province's one-stop connector (`connectors/one-stop` provides
 * it): listings by page, single reads, and which listings the dialect has.
 */
export interface DossierFeed {
  readonly name: string;
  readonly province: string;
  /** Dossiers per listing page. */
  readonly pageSize: number;
  readonly capabilities: {
    /** Lists by update time (`updated`). */
    readonly updatedListing: boolean;
    /** Has a `pending` listing. */
    readonly pendingListing: boolean;
    /** Listed dossiers carry their steps; when false, steps are read one dossier at a time. */
    readonly stepsListed: boolean;
  };
  /**
   * The listings that together hold every dossier in one of the national `statuses`,
   * split as the dialect needs (some take one status per call); empty when the dialect
   * cannot filter by status.
   */
  statusListings(statuses: readonly number[]): DossierListing[];
  listPage(listing: DossierListing, page: number): Promise<DossierListingPage>;
  /** One dossier with its steps, or null when the province does not know it. */
  getDossier(code: string): Promise<DossierRecord | null>;
  /** The steps of one dossier (for dialects that do not list them). */
  getSteps(code: string): Promise<DossierStepRecord[]>;
}
