import type { OneStopConnector } from '../../../connectors/one-stop';
import type { DossierRecord } from '../../domain';
import { createSilentLogger } from '../../log';
import { createDossierIndex, dossierSortKey } from '../dossier-index';

function dossier(code: string, receivedAt: string | null, submittedAt = '2026-01-01T08:00:00+07:00'): DossierRecord {
  return {
    code, source: 'province-h56', procedureCode: null, procedureName: null, sector: null,
    applicant: { name: null, kind: null, idNumber: null, idKind: null, phone: null, email: null, address: null },
    agencyCode: code.split('-')[0]!, agencyName: null, channel: null, status: { code: 2, vendorCode: '1', vendorLabel: null }, receiptNumber: null, summary: null,
    submittedAt, receivedAt, appointmentAt: null, finishedAt: null, returnedAt: null, updatedAt: null, steps: [], fees: [], submittedPapers: [], resultPapers: [],
  };
}

/** A province whose listing is the given records; no network (the index's own logic is under test). */
function province(records: DossierRecord[]): OneStopConnector {
  return {
    name: 'province-h56', kind: 'one-stop/igate', province: 'H56', stats: { requests: 0, failures: 0 },
    listDossiers: async () => records.map((r) => ({ ...r })),
    fillSteps: async () => ({ read: 0, reused: 0, failed: 0 }),
    getDossier: async () => null,
    unmappedStatuses: () => ({}),
    checkReady: async () => ({ source: 'province-h56', kind: 'one-stop/igate', ok: true, latencyMs: 0 }),
    close: async () => {},
  };
}

describe('the dossier index', () => {
  it('orders newest received first, then by code, with not-yet-received ones by submission', async () => {
    const index = createDossierIndex({
      connectors: [province([dossier('000.00.41.H56-260101-0001', '2026-01-02T08:00:00+07:00'), dossier('000.00.41.H56-260101-0002', null, '2026-01-03T08:00:00+07:00'), dossier('000.00.41.H56-260101-0003', '2026-01-02T08:00:00+07:00')])],
      logger: createSilentLogger(),
      syncIntervalSeconds: 0,
    });
    await index.syncAll();
    expect(index.all().map((d) => d.code.slice(-4))).toEqual(['0002', '0001', '0003']);
  });

  it('keeps the list sorted by the paging key when a live read moves a dossier (paging itself: test/e2e/dossiers.test.ts)', async () => {
    const index = createDossierIndex({
      connectors: [province([dossier('000.00.41.H56-260101-0001', '2026-01-05T08:00:00+07:00'), dossier('000.00.41.H56-260101-0002', null, '2026-01-01T08:00:00+07:00'), dossier('000.00.41.H56-260101-0003', '2026-01-03T08:00:00+07:00')])],
      logger: createSilentLogger(),
      syncIntervalSeconds: 0,
    });
    await index.syncAll();
    index.put(dossier('000.00.41.H56-260101-0002', '2026-01-10T08:00:00+07:00'));
    const keys = index.all().map(dossierSortKey);
    expect([...keys].sort()).toEqual(keys);
    expect(index.all()[0]!.code).toBe('000.00.41.H56-260101-0002');
  });

  it('is not reported tried before its merged list holds the data', async () => {
    const index = createDossierIndex({ connectors: [province([dossier('000.00.41.H56-260101-0001', '2026-01-05T08:00:00+07:00')])], logger: createSilentLogger(), syncIntervalSeconds: 0 });
    void index.syncAll();
    await index.whenTried(5000);
    expect(index.all()).toHaveLength(1);
  });
});
