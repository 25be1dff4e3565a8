import type { DossierRecord, DossierStepRecord } from '../../domain';
import { GatewayError } from '../../errors';
import type { DossierFeed, DossierListing, DossierListingPage } from '../dossier-feed';
import type { ProvinceConnector } from '../dossier-plane';

/** A dossier of the fake province; `n` makes a unique code and a reception instant n hours after 2024-01-01. */
export function fakeDossier(n: number, fields: Partial<DossierRecord> = {}): DossierRecord {
  const received = new Date(Date.parse('2024-01-01T08:00:00+07:00') + n * 3_600_000).toISOString().replace('.000Z', 'Z');
  const agency = ['000.00.41.H56', '000.01.41.H56', '000.00.42.H56'][n % 3]!;
  return {
    code: `${agency}-240101-${String(n).padStart(4, '0')}`,
    source: 'province-h56', procedureCode: '1.001612', procedureName: 'Đăng ký khai sinh', sector: { code: 'G15-TP01', name: 'Hộ tịch' },
    applicant: { name: `Công dân ${n}`, kind: 'CITIZEN', idNumber: `038${String(n).padStart(9, '0')}`, idKind: 'CCCD', phone: null, email: null, address: null },
    agencyCode: agency, agencyName: null, channel: 'ONLINE', status: { code: 4, vendorCode: '4', vendorLabel: null }, receiptNumber: null, summary: null,
    submittedAt: received, receivedAt: received, appointmentAt: null, finishedAt: null, returnedAt: null, updatedAt: received,
    steps: [], fees: [], submittedPapers: [], resultPapers: [],
    ...fields,
  };
}

export interface FakeProvince extends ProvinceConnector {
  /** The province's current dossiers; edit freely. */
  dossiers: Map<string, DossierRecord>;
  /** Listing pages and single reads asked for, by kind. */
  calls: Record<string, number>;
  /** Records handed out by listings and single reads. */
  recordsRead: number;
  /** Throws UPSTREAM_UNAVAILABLE on the listing page calls numbered here (1-based, counted across the fake's life). */
  failOnPageCall: Set<number>;
  /** Every listing page asked for, in order: its kind, its window start (received listings) and page. */
  pageLog: Array<{ kind: string; from: number | null; page: number }>;
}

/**
 * An in-memory province for the sync's own logic (its paging, cursors, resumption and
 * leases); the connectors themselves are tested against the simulators over HTTP.
 */
export function createFakeProvince({ pageSize = 10, updatedListing = false, statusListing = true, stepsListed = true }: { pageSize?: number; updatedListing?: boolean; statusListing?: boolean; stepsListed?: boolean } = {}): FakeProvince {
  const dossiers = new Map<string, DossierRecord>();
  const calls: Record<string, number> = {};
  let pageCalls = 0;
  const province: FakeProvince = {
    name: 'province-h56',
    province: 'H56',
    pageSize,
    capabilities: { updatedListing, pendingListing: false, stepsListed },
    dossiers,
    calls,
    recordsRead: 0,
    failOnPageCall: new Set(),
    pageLog: [],
    statusListings: (statuses) => (statusListing ? [{ kind: 'status', vendorCodes: statuses.map(String) }] : []),
    async listPage(listing: DossierListing, page: number): Promise<DossierListingPage> {
      pageCalls += 1;
      calls[listing.kind] = (calls[listing.kind] ?? 0) + 1;
      province.pageLog.push({ kind: listing.kind, from: listing.kind === 'received' ? listing.from.getTime() : null, page });
      if (province.failOnPageCall.has(pageCalls)) throw new GatewayError('UPSTREAM_UNAVAILABLE', 'province-h56 is down', { source: 'province-h56' });
      const all = [...dossiers.values()].map((d) => structuredClone(d));
      let matching: DossierRecord[];
      if (listing.kind === 'received') {
        matching = all.filter((d) => d.receivedAt !== null && Date.parse(d.receivedAt) >= listing.from.getTime() && Date.parse(d.receivedAt) < listing.to.getTime());
        matching.sort((a, b) => Date.parse(a.receivedAt!) - Date.parse(b.receivedAt!) || a.code.localeCompare(b.code));
      } else if (listing.kind === 'updated') {
        matching = all.filter((d) => d.updatedAt !== null && Date.parse(d.updatedAt) >= listing.from.getTime());
        matching.sort((a, b) => Date.parse(a.updatedAt!) - Date.parse(b.updatedAt!) || a.code.localeCompare(b.code));
      } else if (listing.kind === 'status') {
        matching = all.filter((d) => listing.vendorCodes.includes(d.status.vendorCode)).sort((a, b) => a.code.localeCompare(b.code));
      } else matching = [];
      const items = matching.slice(page * pageSize, (page + 1) * pageSize).map((d) => (stepsListed ? d : { ...d, steps: null }));
      province.recordsRead += items.length;
      return { items, total: matching.length };
    },
    async getDossier(code) {
      calls.get = (calls.get ?? 0) + 1;
      const d = dossiers.get(code);
      if (d) province.recordsRead += 1;
      return d ? structuredClone(d) : null;
    },
    async getSteps(code): Promise<DossierStepRecord[]> {
      calls.steps = (calls.steps ?? 0) + 1;
      return structuredClone(dossiers.get(code)?.steps ?? []);
    },
    unmappedStatuses: () => ({}),
  };
  return province;
}

export type { DossierFeed };
