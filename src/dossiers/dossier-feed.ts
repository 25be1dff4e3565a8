import type { DossierListing } from '../../connectors/one-stop';
import type { DossierRecord, DossierStepRecord } from '../domain';

export type { DossierListing };

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
