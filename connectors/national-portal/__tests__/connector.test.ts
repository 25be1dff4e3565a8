import { startNationalPortalSimulator, type NationalPortalSimulator } from '../../../simulators/national-portal';
import { isGatewayError } from '../../../src/errors';
import { defineConnectorContractTests } from '../../kit/testing/define-connector-contract-tests';
import { createNationalPortalConnector, isPermanentPushFailure, type NationalPortalConnector, type NationalPortalOptions } from '..';
import { sampleDossier } from './sample-dossier';

const credentials = { username: 'lienthong', password: 'demo-secret', dstcode: 'VN:GOV:000.00.00.G22:dvcqg' };
const PROCEDURES = ['1.001612', '1.003560', '2.000477'];
const CODE = '000.00.20.H56-240315-0001';
const push = { dossier: sampleDossier(), nationalProcedureCode: '1.001612' };

/** The dossier numbered `n` of the same desk and day. */
function dossierNo(n: number, overrides: Parameters<typeof sampleDossier>[0] = {}) {
  return { dossier: sampleDossier({ code: `000.00.20.H56-240315-${String(n).padStart(4, '0')}`, ...overrides }), nationalProcedureCode: '1.001612' };
}

async function rejection(promise: Promise<unknown>): Promise<Error & { extensions: Record<string, unknown> }> {
  return promise.then(
    (value) => {
      throw new Error(`expected the push to fail, it returned ${JSON.stringify(value)}`);
    },
    (err: unknown) => err as Error & { extensions: Record<string, unknown> },
  );
}

defineConnectorContractTests('national-portal', async ({ timeoutMs, resilience }) => {
  const sim = await startNationalPortalSimulator({ procedureCodes: PROCEDURES });
  const connector = createNationalPortalConnector({ url: sim.url, ...credentials, timeoutMs, resilience });
  let withoutAgency = false;
  return {
    sim,
    connector,
    writes: true,
    read: async () => {
      if (withoutAgency) {
        withoutAgency = false;
        // The adapter answers a call without a calling agency (madonvi) with its own error_code, -2.
        const broken = createNationalPortalConnector({ url: sim.url, ...credentials, madonvi: ' ', timeoutMs });
        try {
          return await broken.pushDossier(push);
        } finally {
          await broken.close();
        }
      }
      // A write alone (the portal's copy is known, so no look-up precedes it): the kit never retries it.
      return connector.pushDossier({ ...push, knownToPortal: true });
    },
    provokeSourceError: () => {
      withoutAgency = true;
    },
    close: async () => {
      await connector.close();
      await sim.close();
    },
  };
});

describe('national portal connector', () => {
  let sim: NationalPortalSimulator;
  let connector: NationalPortalConnector;
  const connect = (options: Partial<NationalPortalOptions> = {}): NationalPortalConnector => createNationalPortalConnector({ url: sim.url, ...credentials, timeoutMs: 2000, ...options });
  beforeEach(async () => {
    sim = await startNationalPortalSimulator({ procedureCodes: PROCEDURES });
    connector = connect();
  });
  afterEach(async () => {
    await connector.close();
    await sim.close();
  });

  it('creates a dossier new to the portal after looking it up, then pushes its steps', async () => {
    await expect(connector.pushDossier(push)).resolves.toMatchObject({ outcome: 'created', stepsPushed: 3 });
    expect(sim.stats.byOperation).toEqual({ login: 1, TraCuuHoSo: 1, DongBoHoSoMC: 1, CapNhatTienDoHoSoMC: 1 });
    const [held] = sim.state().dossiers;
    expect(held).toMatchObject({ code: CODE, version: 1, stepWrites: 1 });
    // Hand-computed from the sample's instants: 16:20 UTC is 23:20 in Vietnam.
    expect(held!.record).toMatchObject({ MaTTHC: '1.001612', TrangThaiHoSo: '10', NgayNopHoSo: '20240315010500', NgayTra: '20240318232000', DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '038088240353' }] });
    expect(held!.steps.map((s) => [s.NguoiXuLy, s.TrangThai, s.ThoiDiemXuLy])).toEqual([
      ['Nguyễn Văn An', '1', '20240315010500'],
      ['Lê Thị Bình', '2', '20240315094510'],
      ['Lê Thị Bình', '10', '20240318101500'],
    ]);
  });

  it('updates on the second push, leaving one dossier and one set of steps', async () => {
    await connector.pushDossier(dossierNo(1, { status: { code: 4, vendorCode: '2', vendorLabel: null }, finishedAt: null, returnedAt: null }));
    await expect(connector.pushDossier(dossierNo(1))).resolves.toMatchObject({ outcome: 'updated', stepsPushed: 3 });
    const state = sim.state();
    expect(state.dossiers).toHaveLength(1);
    expect(state.dossiers[0]).toMatchObject({ version: 2, stepWrites: 2, record: { TrangThaiHoSo: '10' } });
    expect(state.dossiers[0]!.steps).toHaveLength(3);
    expect(state.history.map((w) => w.mode)).toEqual(['create', 'steps', 'update', 'steps']);
  });

  it('skips the look-up when told whether the portal holds the dossier, unless configured to look up always', async () => {
    await connector.pushDossier(push);
    sim.resetStats();
    await expect(connector.pushDossier({ ...push, knownToPortal: true })).resolves.toMatchObject({ outcome: 'updated' });
    expect(sim.stats.byOperation.TraCuuHoSo).toBeUndefined();
    const careful = connect({ lookupBeforePush: 'always' });
    sim.resetStats();
    await expect(careful.pushDossier({ ...push, knownToPortal: false })).resolves.toMatchObject({ outcome: 'updated' });
    expect(sim.stats.byOperation).toMatchObject({ TraCuuHoSo: 1, DongBoHoSoMC: 1 });
    await careful.close();
  });

  it('takes an "already exists" answer to a create as "update instead", once', async () => {
    await connector.pushDossier(push);
    sim.resetStats();
    await expect(connector.pushDossier({ ...push, knownToPortal: false })).resolves.toMatchObject({ outcome: 'updated' });
    expect(sim.stats.byOperation.DongBoHoSoMC).toBe(2);
    expect(sim.state().history.filter((w) => w.mode !== 'steps').map((w) => w.mode)).toEqual(['create', 'update']);
    expect(sim.state().refusals).toEqual({ '-3': 1 });
  });

  it('creates a dossier the caller believed pushed but the portal does not hold', async () => {
    await expect(connector.pushDossier({ ...push, knownToPortal: true })).resolves.toMatchObject({ outcome: 'created' });
    expect(sim.state().dossiers.map((d) => d.version)).toEqual([1]);
  });

  it('refuses a dossier the portal could not take without calling it, as a permanent coded error', async () => {
    const err = await rejection(connector.pushDossier({ ...push, dossier: sampleDossier({ status: { code: null, vendorCode: '99', vendorLabel: 'Chờ phê duyệt' } }) }));
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_REJECTED', source: 'national-portal', reason: 'STATUS_UNMAPPED', field: 'TrangThaiHoSo', dossier: CODE });
    expect(err.message).toContain('vendor status "99" of province-h56 has no national code');
    expect(isPermanentPushFailure(err)).toBe(true);
    expect(sim.stats.requests).toBe(0);
  });

  it('brings back the portal’s own refusal as a permanent coded error with its code and message', async () => {
    // The national catalogue the portal knows has no 9.999999; the gateway's mapper cannot know that.
    const err = await rejection(connector.pushDossier({ ...push, nationalProcedureCode: '9.999999' }));
    expect(err.extensions).toMatchObject({
      code: 'UPSTREAM_REJECTED',
      source: 'national-portal',
      upstreamCode: '12',
      upstreamMessage: 'Mã thủ tục hành chính 9.999999 không có trong CSDLQG về TTHC',
    });
    expect(isPermanentPushFailure(err)).toBe(true);
    sim.setRefusedDossiers([CODE]);
    const refused = await rejection(connector.pushDossier(push));
    expect(refused.extensions).toMatchObject({ code: 'UPSTREAM_REJECTED', upstreamCode: '17', upstreamMessage: `Hồ sơ ${CODE} bị từ chối đồng bộ` });
    expect(sim.state().dossiers).toEqual([]);
  });

  it('reports an unavailable or slow portal as a failure worth retrying', async () => {
    await connector.pushDossier(push);
    sim.setFault({ mode: 'fail', status: 503 });
    const unavailable = await rejection(connector.pushDossier(push));
    expect(unavailable.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: 'national-portal', upstreamCode: 503 });
    expect(isPermanentPushFailure(unavailable)).toBe(false);

    const hasty = connect({ timeoutMs: 300 });
    sim.setFault({ mode: 'none' });
    await hasty.hasDossier(CODE);
    sim.setFault({ mode: 'hang' });
    const started = Date.now();
    const timedOut = await rejection(hasty.pushDossier(push));
    expect(timedOut.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', source: 'national-portal' });
    // One call hangs, with a 300 ms deadline; the bound is loose for a loaded machine.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(isPermanentPushFailure(timedOut)).toBe(false);
    sim.setFault({ mode: 'none' });
    await hasty.close();
  });

  it('logs in again once when the session expires between pushes', async () => {
    await connector.pushDossier(dossierNo(1));
    sim.expireSessions();
    sim.resetStats();
    await expect(connector.pushDossier(dossierNo(2))).resolves.toMatchObject({ outcome: 'created' });
    expect(sim.stats.byOperation).toEqual({ login: 1, TraCuuHoSo: 2, DongBoHoSoMC: 1, CapNhatTienDoHoSoMC: 1 });
  });

  it('logs in once for many concurrent pushes', async () => {
    await Promise.all([1, 2, 3, 4, 5].map((n) => connector.pushDossier(dossierNo(n))));
    expect(sim.stats.byOperation.login).toBe(1);
    expect(sim.state().dossiers).toHaveLength(5);
  });

  it('never creates a dossier twice when retried after answers lost on the way back', async () => {
    // A quarter of the calls are carried out and then answered 503: the writes happened, the client cannot know.
    sim.setRandomFailures({ rate: 0.25, seed: 7, afterWrite: true });
    const pushes = Array.from({ length: 12 }, (_, i) => dossierNo(i + 1));
    let attempts = 0;
    for (const input of pushes) {
      for (;;) {
        attempts += 1;
        try {
          await connector.pushDossier(input);
          break;
        } catch (err) {
          if (!isGatewayError(err) || isPermanentPushFailure(err)) throw err;
        }
      }
    }
    sim.setRandomFailures(null);
    const { dossiers, history } = sim.state();
    expect(attempts).toBeGreaterThan(pushes.length);
    expect(dossiers).toHaveLength(12);
    const creates = history.filter((w) => w.mode === 'create').map((w) => w.code);
    expect(new Set(creates).size).toBe(creates.length);
    expect(dossiers.every((d) => d.steps.length === 3)).toBe(true);
  });

  it('tells whether the portal holds a dossier', async () => {
    await expect(connector.hasDossier(CODE)).resolves.toBe(false);
    await connector.pushDossier(push);
    await expect(connector.hasDossier(CODE)).resolves.toBe(true);
  });

  it('reports UPSTREAM_AUTH_FAILED for refused credentials, without caching the failure', async () => {
    const wrong = connect({ password: 'wrong' });
    await expect(wrong.pushDossier(push)).rejects.toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', extensions: { upstreamCode: '1' } });
    sim.resetStats();
    await expect(wrong.hasDossier(CODE)).rejects.toMatchObject({ code: 'UPSTREAM_AUTH_FAILED' });
    expect(sim.stats.byOperation.login).toBe(1);
    await wrong.close();
  });
});
