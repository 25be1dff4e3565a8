import type { DossierRecord } from '../../src/domain';
import { GatewayError } from '../../src/errors';
import { checkReady, createHttpClient, mapLimit, type Connector, type HttpClientStats } from '../kit';
import type { OneStopDialect, OneStopOptions } from './config';
import { createStatusMapper } from './map-status';
import type { DossierPage, OneStopVendor, ReceptionWindow, VendorContext } from './vendor';
import { createIgateVendor } from './vendors/igate';
import { createMotcuaVendor } from './vendors/motcua';
import { createSoapVendor } from './vendors/soap';

export type { OneStopOptions, OneStopDialect, IgateOptions, MotcuaOptions, SoapOptions } from './config';
export type { ReceptionWindow } from './vendor';

/** A province's one-stop system (hệ thống một cửa) in the gateway's own model. */
export interface OneStopConnector extends Connector {
  readonly kind: `one-stop/${OneStopDialect}`;
  /** The province's level-1 code, e.g. `H56`. */
  readonly province: string;
  readonly stats: HttpClientStats;
  /** Every dossier received in `window`, read page by page; `onProgress` hears about each quarter. */
  listDossiers(window: ReceptionWindow, onProgress?: (progress: { pages: number; of: number; dossiers: number }) => void): Promise<DossierRecord[]>;
  /** One dossier with its processing steps, or null when the province does not know it. */
  getDossier(code: string): Promise<DossierRecord | null>;
  /**
   * Fills in the steps of dossiers listed without them (steps null), one call each, a few
   * at a time; a dossier whose earlier copy had steps and has not changed since keeps them.
   * A failed read leaves that dossier's steps null (read live when asked for).
   */
  fillSteps(dossiers: DossierRecord[], previous: ReadonlyMap<string, DossierRecord>): Promise<{ read: number; reused: number; failed: number }>;
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

/** Step reads in flight while filling in steps after a listing. */
const STEP_CONCURRENCY = 8;

/** Pages read at once while listing, after the first has told the total. */
const PAGE_CONCURRENCY = 4;

export function createOneStopConnector(options: OneStopOptions): OneStopConnector {
  const { name, province, dialect, url, timeoutMs = 15_000, statusTable } = options;
  const http = createHttpClient({ source: name, baseUrl: url, timeoutMs });
  const mapStatus = createStatusMapper(statusTable);
  const vendor = (VENDORS[dialect] as (o: OneStopOptions, c: VendorContext) => OneStopVendor)(options, { source: name, http, mapStatus });
  const pageSize = Math.min(options.pageSize ?? 200, vendor.maxPageSize);

  /**
   * Reads every page of one listing into `into`: the first page tells the total, the rest
   * are read a few at a time. One failed page fails the listing: a copy with a hole would
   * report wrong statistics.
   */
  async function readAllPages(
    read: (page: number) => Promise<DossierPage>,
    into: Map<string, DossierRecord>,
    onProgress?: (progress: { pages: number; of: number; dossiers: number }) => void,
  ): Promise<void> {
    const first = await read(0);
    const pages = Math.ceil(first.total / pageSize);
    if (pages > 100_000) {
      throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${name} reported ${first.total} dossiers, more than a listing can hold`, { source: name });
    }
    for (const d of first.items) into.set(d.code, d);
    const step = Math.max(1, Math.ceil(pages / 4));
    let done = 1;
    const rest = await mapLimit(
      Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 1),
      PAGE_CONCURRENCY,
      async (page) => {
        const result = await read(page);
        done += 1;
        if (onProgress && done % step === 0) onProgress({ pages: done, of: pages, dossiers: into.size });
        return result;
      },
    );
    for (const result of rest) {
      if (result instanceof Error) throw result;
      for (const d of result.items) into.set(d.code, d);
    }
  }

  return {
    name,
    kind: `one-stop/${dialect}`,
    province,
    stats: http.stats,
    async listDossiers(window, onProgress) {
      const byCode = new Map<string, DossierRecord>();
      await readAllPages((page) => vendor.listPage(window, page, pageSize), byCode, onProgress);
      if (vendor.listPending) await readAllPages((page) => vendor.listPending!(page, pageSize), byCode);
      return [...byCode.values()];
    },
    getDossier: (code) => vendor.getDossier(code),
    async fillSteps(dossiers, previous) {
      const getSteps = vendor.getSteps;
      const missing: DossierRecord[] = [];
      let reused = 0;
      for (const d of dossiers) {
        if (d.steps !== null) continue;
        const before = previous.get(d.code);
        if (before?.steps && before.status.vendorCode === d.status.vendorCode && before.updatedAt === d.updatedAt && before.finishedAt === d.finishedAt) {
          d.steps = before.steps;
          reused += 1;
        } else missing.push(d);
      }
      if (!getSteps) return { read: 0, reused, failed: 0 };
      const results = await mapLimit(missing, STEP_CONCURRENCY, (d) => getSteps(d.code));
      let failed = 0;
      results.forEach((steps, i) => {
        if (steps instanceof Error) failed += 1;
        else missing[i]!.steps = steps;
      });
      return { read: missing.length - failed, reused, failed };
    },
    unmappedStatuses: () => mapStatus.unmapped,
    checkReady: () => checkReady(name, `one-stop/${dialect}`, () => vendor.probe()),
    async close() {
      await vendor.close?.();
      await http.close();
    },
  };
}
