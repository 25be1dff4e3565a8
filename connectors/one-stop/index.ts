import type { DossierRecord, DossierStepRecord } from '../../src/domain';
import { checkReady, createHttpClient, createResilience, type Connector, type HttpClientStats } from '../kit';
import type { OneStopDialect, OneStopOptions } from './config';
import { createStatusMapper } from './map-status';
import type { DossierListing, DossierPage, OneStopVendor, VendorContext } from './vendor';
import { createIgateVendor } from './vendors/igate';
import { createMotcuaVendor } from './vendors/motcua';
import { createSoapVendor } from './vendors/soap';

export type { OneStopOptions, OneStopDialect, IgateOptions, MotcuaOptions, SoapOptions } from './config';
export type { DossierListing, DossierPage, ReceptionWindow } from './vendor';

/** A province's one-stop system (hệ thống một cửa) in the gateway's own model. */
export interface OneStopConnector extends Connector {
  readonly kind: `one-stop/${OneStopDialect}`;
  /** The province's level-1 code, e.g. `H56`. */
  readonly province: string;
  readonly stats: HttpClientStats;
  /** Dossiers per listing page. */
  readonly pageSize: number;
  /** The listings this province's dialect answers (the sync chooses its strategy from them). */
  readonly capabilities: {
    /** Lists by update time. */
    readonly updatedListing: boolean;
    /** Lists the dossiers no reception window finds. */
    readonly pendingListing: boolean;
    /** Listed dossiers carry their steps; when false, steps are read one dossier at a time. */
    readonly stepsListed: boolean;
  };
  /**
   * The listings that together hold every dossier in one of the national `statuses`: the
   * vendor codes the deployment's status table maps to them, as many per listing as the
   * dialect takes. Empty when the dialect cannot filter by status.
   */
  statusListings(statuses: readonly number[]): DossierListing[];
  /** Page `page` (0-based) of a listing, `pageSize` dossiers at most, with the listing's total. */
  listPage(listing: DossierListing, page: number): Promise<DossierPage>;
  /** One dossier with its processing steps, or null when the province does not know it. */
  getDossier(code: string): Promise<DossierRecord | null>;
  /** The processing steps of one dossier (empty when the province does not know it). */
  getSteps(code: string): Promise<DossierStepRecord[]>;
  /** Vendor status codes seen without a mapping in the configured table. */
  unmappedStatuses(): Readonly<Record<string, number>>;
}

type VendorFactory = (options: never, context: VendorContext) => OneStopVendor;

/** One factory per dialect; a new vendor is one file and one line here. */
const VENDORS: Record<OneStopDialect, VendorFactory> = {
  igate: createIgateVendor as VendorFactory,
  motcua: createMotcuaVendor as VendorFactory,
  soap: createSoapVendor as VendorFactory,
};

export function createOneStopConnector(options: OneStopOptions): OneStopConnector {
  const { name, province, dialect, url, timeoutMs = 15_000, connections = 16, statusTable } = options;
  // One layer for the province, shared by every client its dialect opens (an SSO and its API are one source).
  const resilience = createResilience(name, options.resilience);
  const http = createHttpClient({ source: name, baseUrl: url, timeoutMs, connections, resilience });
  const mapStatus = createStatusMapper(statusTable);
  const vendor = (VENDORS[dialect] as (o: OneStopOptions, c: VendorContext) => OneStopVendor)(options, { source: name, http, mapStatus });
  const pageSize = Math.min(options.pageSize ?? 200, vendor.maxPageSize);

  return {
    name,
    kind: `one-stop/${dialect}`,
    province,
    stats: http.stats,
    resilience,
    pageSize,
    capabilities: { updatedListing: vendor.listings.updated, pendingListing: vendor.listings.pending, stepsListed: vendor.getSteps === undefined },
    statusListings(statuses) {
      const perCall = vendor.listings.statusCodesPerCall;
      if (perCall <= 0) return [];
      const wanted = new Set(statuses);
      const codes = Object.entries(statusTable)
        .filter(([, national]) => wanted.has(national))
        .map(([vendorCode]) => vendorCode)
        .sort();
      const listings: DossierListing[] = [];
      for (let i = 0; i < codes.length; i += perCall) listings.push({ kind: 'status', vendorCodes: codes.slice(i, i + perCall) });
      return listings;
    },
    listPage: (listing, page) => vendor.listPage(listing, page, pageSize),
    getDossier: (code) => vendor.getDossier(code),
    async getSteps(code) {
      if (vendor.getSteps) return vendor.getSteps(code);
      return (await vendor.getDossier(code))?.steps ?? [];
    },
    unmappedStatuses: () => mapStatus.unmapped,
    checkReady: () => checkReady(name, `one-stop/${dialect}`, () => vendor.probe(), resilience),
    async close() {
      await vendor.close?.();
      await http.close();
      resilience.close();
    },
  };
}
