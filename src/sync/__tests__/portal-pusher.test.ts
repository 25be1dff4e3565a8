import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createNationalPortalConnector, type NationalPortalConnector } from '../../../connectors/national-portal';
import { startNationalPortalSimulator, type NationalPortalSimulator } from '../../../simulators/national-portal';
import type { DossierRecord } from '../../domain';
import { fakeDossier } from '../../dossiers/__tests__/fake-feed';
import { dossierWriteOf } from '../../dossiers';
import { createSilentLogger } from '../../log';
import { createStore, type Store } from '../../store';
import { testKeyring } from '../../store/__tests__/define-dossier-contract-tests';
import { createPortalPusher, PORTAL_CONSUMER, type PortalPusherOptions } from '../portal-pusher';

const root = mkdtempSync(path.join(tmpdir(), 'lienthong-push-'));
let portalSim: NationalPortalSimulator;
let portal: NationalPortalConnector;
let store: Store;
let count = 0;

beforeAll(async () => {
  portalSim = await startNationalPortalSimulator({ procedureCodes: ['1.001612', '2.000477'], username: 'u', password: 'p', dstcode: 'VN:GOV:000.00.00.G22:dvcqg' });
  portal = createNationalPortalConnector({ url: portalSim.url, dstcode: 'VN:GOV:000.00.00.G22:dvcqg', username: 'u', password: 'p', timeoutMs: 3000 });
});
beforeEach(async () => {
  store = await createStore({ dataDir: path.join(root, `s${(count += 1)}`), dataKeyring: testKeyring() });
});
afterEach(async () => {
  portalSim.setFault({ mode: 'none' });
  portalSim.setRandomFailures(null);
  portalSim.setRefusedDossiers([]);
  await store.close();
});
afterAll(async () => {
  await portal.close();
  await portalSim.close();
  rmSync(root, { recursive: true, force: true });
});

const nationalCodeOf = (d: DossierRecord): string | null => d.procedureCode;
/** Unique per test file run, so dossiers of one test never meet another's on the shared portal. */
let next = 0;
function dossiers(n: number, fields: Partial<DossierRecord> = {}): DossierRecord[] {
  return Array.from({ length: n }, () => fakeDossier(1000 + (next += 1), fields));
}

async function change(records: DossierRecord[]): Promise<void> {
  await store.dossiers.apply({ dossiers: records.map((r) => dossierWriteOf(r, nationalCodeOf)!), enqueue: [PORTAL_CONSUMER] });
}

function pusher(extra: Partial<PortalPusherOptions> = {}) {
  return createPortalPusher({ store, portal, logger: createSilentLogger(), sources: ['province-h56'], holder: 'replica-a', ratePerSecond: 1000, concurrency: 4, backoffBaseMs: 1, backoffMaxMs: 5, ...extra });
}

const writesOf = (code: string) => portalSim.state(code).history.filter((w) => w.code === code && w.mode !== 'steps');

describe('the national portal push', () => {
  it('pushes every changed dossier once, then nothing while nothing changes', async () => {
    const batch = dossiers(12);
    await change(batch);
    const rounds = await pusher().drain();
    expect(rounds.reduce((n, r) => n + r.created, 0)).toBe(12);
    for (const d of batch) {
      expect(writesOf(d.code).map((w) => w.mode)).toEqual(['create']);
      expect(portalSim.state(d.code).dossiers[0]!.record).toMatchObject({ MaHoSo: d.code, TrangThaiHoSo: '4', ChuHoSo: d.applicant.name });
    }
    expect(await pusher().drain()).toEqual([]);
    for (const d of batch) expect(writesOf(d.code)).toHaveLength(1);
  });

  it('delivers status changes in order, and the portal ends with the latest', async () => {
    const [d] = dossiers(1);
    await change([d!]);
    await pusher().drain();
    for (const [status, vendor] of [[5, '5'], [4, '4'], [9, '9']] as const) {
      d!.status = { code: status, vendorCode: vendor, vendorLabel: null };
      d!.updatedAt = new Date().toISOString();
      if (status === 9) d!.finishedAt = '2024-01-10T10:00:00+07:00';
      await change([d!]);
      await pusher().drain();
    }
    // Two changes before one push: only the latest is sent.
    d!.status = { code: 10, vendorCode: '10', vendorLabel: null };
    d!.returnedAt = '2024-01-11T10:00:00+07:00';
    await change([d!]);
    d!.summary = 'Đăng ký khai sinh (đã trả kết quả)';
    await change([d!]);
    await pusher().drain();
    expect(writesOf(d!.code).map((w) => w.record!.TrangThaiHoSo)).toEqual(['4', '5', '4', '9', '10']);
    expect(portalSim.state(d!.code).dossiers[0]!.record).toMatchObject({ TrangThaiHoSo: '10', TrichYeuHoSo: 'Đăng ký khai sinh (đã trả kết quả)' });
  });

  it('loses nothing to a portal outage: failed pushes wait, and go through once it is back', async () => {
    const batch = dossiers(8);
    await change(batch);
    portalSim.setFault({ mode: 'fail' });
    const failed = await pusher().drain(undefined, 1);
    expect(failed[0]).toMatchObject({ pushed: 0, retried: 8, dead: 0 });
    expect((await store.outbox.depth(PORTAL_CONSUMER))[0]).toMatchObject({ pending: 8, dead: 0 });
    portalSim.setFault({ mode: 'none' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await pusher().drain();
    for (const d of batch) expect(portalSim.state(d.code).dossiers).toHaveLength(1);
    expect(await store.outbox.depth(PORTAL_CONSUMER)).toEqual([]);
  });

  it('keeps a dossier the portal refuses as a dead letter with its reason, without holding up the others', async () => {
    const batch = dossiers(5);
    const [refused] = dossiers(1, { procedureCode: '9.999999' });
    await change([...batch, refused!]);
    const p = pusher({ maxAttempts: 2 });
    await p.drain();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await p.drain();
    for (const d of batch) expect(portalSim.state(d.code).dossiers).toHaveLength(1);
    const dead = await store.outbox.dead(PORTAL_CONSUMER, { first: 10 });
    expect(dead.items).toEqual([expect.objectContaining({ code: refused!.code, attempts: 2, lastError: expect.stringContaining('UPSTREAM_REJECTED') })]);
    expect(portalSim.state(refused!.code).dossiers).toEqual([]);
  });

  it('never lets two replicas push the same dossier: each is written once', async () => {
    const batch = dossiers(40);
    await change(batch);
    const a = pusher({ holder: 'replica-a', batchSize: 10 });
    const b = pusher({ holder: 'replica-b', batchSize: 10 });
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    expect(await store.outbox.depth(PORTAL_CONSUMER)).toEqual([]);
    // Had both pushed one dossier, it would show a create and an update (its "already exists" fallback).
    for (const d of batch) expect(writesOf(d.code).map((w) => w.mode)).toEqual(['create']);
  });

  it('creates no dossier twice when the portal loses its answers after writing', async () => {
    const batch = dossiers(40);
    await change(batch);
    portalSim.setRandomFailures({ rate: 0.25, seed: 7, afterWrite: true });
    const p = pusher();
    for (let i = 0; i < 40 && ((await store.outbox.depth(PORTAL_CONSUMER))[0]?.pending ?? 0) > 0; i++) {
      await p.drain();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    portalSim.setRandomFailures(null);
    expect(await store.outbox.depth(PORTAL_CONSUMER)).toEqual([]);
    for (const d of batch) {
      expect(writesOf(d.code).filter((w) => w.mode === 'create')).toHaveLength(1);
      expect(portalSim.state(d.code).dossiers[0]!.record).toMatchObject({ MaHoSo: d.code, TrangThaiHoSo: '4' });
    }
  });
});
