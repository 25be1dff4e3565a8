import { startNationalPortalSimulator, type NationalPortalSimulator } from '..';
import { validDossier, validStep } from './portal-records';

const DSTCODE = 'VN:GOV:000.00.00.G22:dvcqg';
const credentials = { username: 'lienthong', password: 'demo-secret' };
const CODES = ['1.001612', '2.000477'];
const CODE = '000.00.20.H56-240315-0001';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function post(sim: NationalPortalSimulator, path: string, body: unknown, dstcode: string | null = DSTCODE): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (dstcode !== null) headers.dstcode = dstcode;
  const res = await fetch(new URL(path, sim.url), { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : { text } };
}

async function login(sim: NationalPortalSimulator): Promise<string> {
  return (await post(sim, '/login', credentials)).body.session as string;
}

/** Calls a service on whichever simulator and session the test holds at the time. */
function caller(sim: () => NationalPortalSimulator, session: () => string) {
  return (service: string, params: Record<string, unknown> = {}): Promise<Answer> => post(sim(), '/integration', { session: session(), madonvi: '000.00.00.H56', service, ...params });
}

describe('national portal simulator protocol', () => {
  let sim: NationalPortalSimulator;
  let session: string;
  let call: ReturnType<typeof caller>;
  beforeEach(async () => {
    sim = await startNationalPortalSimulator({ procedureCodes: CODES });
    session = await login(sim);
    call = caller(() => sim, () => session);
  });
  afterEach(() => sim.close());

  it('logs in, and refuses wrong credentials, a wrong routing code, an expired session and a call without madonvi', async () => {
    expect(session).toMatch(/^[0-9a-f]{32}$/);
    await expect(post(sim, '/login', { ...credentials, password: 'x' })).resolves.toEqual({ status: 200, body: { error_code: 1, error_message: 'Sai tên đăng nhập hoặc mật khẩu' } });
    await expect(post(sim, '/login', credentials, 'VN:GOV:000.00.00.G22:other')).resolves.toMatchObject({ body: { error_code: -1 } });
    await expect(post(sim, '/integration', { session, service: 'TraCuuHoSo', MaHoSo: CODE })).resolves.toMatchObject({ body: { error_code: -2 } });
    await expect(call('LayDanhSachTTHC')).resolves.toMatchObject({ body: { error_code: 2, error_message: 'Dịch vụ không tồn tại: LayDanhSachTTHC' } });
    sim.expireSessions();
    await expect(call('TraCuuHoSo', { MaHoSo: CODE })).resolves.toEqual({ status: 200, body: { error_code: 401, error_message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn' } });
    await expect(post(sim, '/integration', '{not json')).resolves.toMatchObject({ status: 400, body: { error_code: 400 } });
  });

  it('creates a dossier, finds it with TraCuuHoSo under either key casing, and refuses a second create as "đã tồn tại"', async () => {
    await expect(call('TraCuuHoSo', { MaHoSo: CODE })).resolves.toEqual({ status: 200, body: { error_code: 0, result: [] } });
    await expect(call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier()] })).resolves.toMatchObject({ body: { error_code: 0 } });
    await expect(call('TraCuuHoSo', { mahoso: CODE })).resolves.toEqual({ status: 200, body: { error_code: 0, result: [validDossier()] } });
    await expect(call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier()] })).resolves.toEqual({
      status: 200,
      body: { error_code: -3, error_message: `Hồ sơ ${CODE} đã tồn tại trên Cổng DVCQG` },
    });
    expect(sim.state().dossiers).toEqual([expect.objectContaining({ code: CODE, version: 1, record: validDossier(), steps: [], stepWrites: 0 })]);
  });

  it('replaces the record on update and counts versions, and refuses an update of a dossier it does not hold', async () => {
    await call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier({ TrangThaiHoSo: '4', NgayKetThucXuLy: '', NgayTra: '' })] });
    await expect(call('DongBoHoSoMC', { isUpdating: 'True', data: [validDossier()] })).resolves.toMatchObject({ body: { error_code: 0 } });
    const other = '000.00.20.H56-240315-0002';
    await expect(call('DongBoHoSoMC', { isUpdating: 'true', data: [validDossier({ MaHoSo: other })] })).resolves.toEqual({
      status: 200,
      body: { error_code: -4, error_message: `Hồ sơ ${other} không tồn tại trên Cổng DVCQG` },
    });
    const state = sim.state();
    expect(state.dossiers).toEqual([expect.objectContaining({ code: CODE, version: 2, record: validDossier() })]);
    expect(state.history.map((w) => [w.seq, w.mode, w.code, w.version, (w.record as Record<string, unknown>).TrangThaiHoSo])).toEqual([
      [1, 'create', CODE, 1, '4'],
      [2, 'update', CODE, 2, '10'],
    ]);
    expect(state.refusals).toEqual({ '-4': 1 });
  });

  it('keeps nothing of a call one of whose records it refuses', async () => {
    const answer = await call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier(), validDossier({ MaHoSo: '000.00.20.H56-240315-0002', TrangThaiHoSo: '12' })] });
    expect(answer.body).toMatchObject({ error_code: 13 });
    expect(sim.state()).toMatchObject({ dossiers: [], history: [] });
  });

  it('refuses isUpdating that is not "True" or "False", and data that is not a non-empty list', async () => {
    await expect(call('DongBoHoSoMC', { isUpdating: true, data: [validDossier()] })).resolves.toMatchObject({ body: { error_code: 16 } });
    await expect(call('DongBoHoSoMC', { isUpdating: 'False', data: [] })).resolves.toMatchObject({ body: { error_code: 16 } });
    await expect(call('DongBoHoSoMC', { isUpdating: 'False', data: validDossier() })).resolves.toMatchObject({ body: { error_code: 16 } });
    await expect(call('CapNhatTienDoHoSoMC', { data: Array.from({ length: 1001 }, () => validStep()) })).resolves.toMatchObject({ body: { error_code: 16 } });
  });

  it('keeps one of each step: sending the same steps again changes nothing, a step later finished replaces its open copy', async () => {
    await expect(call('CapNhatTienDoHoSoMC', { data: [validStep()] })).resolves.toMatchObject({ body: { error_code: -4 } });
    await call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier()] });
    const open = validStep({ NguoiXuLy: 'Trần Văn Cường', NoiDungXuLy: 'Ký giấy khai sinh', TrangThai: '4', NgayBatDau: '20240315094510', ThoiDiemXuLy: '20240315094510' });
    await expect(call('CapNhatTienDoHoSoMC', { data: [validStep(), open] })).resolves.toMatchObject({ body: { error_code: 0 } });
    await call('CapNhatTienDoHoSoMC', { data: [validStep(), open] });
    const finished = { ...open, ThoiDiemXuLy: '20240318101500', TrangThai: '9' };
    await call('CapNhatTienDoHoSoMC', { data: [validStep(), finished] });
    const [dossier] = sim.state().dossiers;
    expect(dossier).toMatchObject({ version: 1, stepWrites: 3, steps: [validStep(), finished] });
    expect(sim.state().history.filter((w) => w.mode === 'steps')).toHaveLength(3);
  });

  it('refuses a dossier it was told to refuse, whatever it holds, with error_code 17', async () => {
    sim.setRefusedDossiers([CODE]);
    await expect(call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier()] })).resolves.toEqual({
      status: 200,
      body: { error_code: 17, error_message: `Hồ sơ ${CODE} bị từ chối đồng bộ` },
    });
    sim.setRefusedDossiers([]);
    await expect(call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier()] })).resolves.toMatchObject({ body: { error_code: 0 } });
  });

  it('fails calls at random by seed, the same calls for the same seed', async () => {
    const outcomes = async (): Promise<number[]> => {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await call('TraCuuHoSo', { MaHoSo: CODE })).status);
      return statuses;
    };
    sim.setRandomFailures({ rate: 0.3, seed: 42 });
    const first = await outcomes();
    sim.setRandomFailures({ rate: 0.3, seed: 42 });
    const second = await outcomes();
    expect(second).toEqual(first);
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(4);
    expect(failed).toBeLessThan(24);
    expect(first.every((s) => s === 200 || s === 503)).toBe(true);
    sim.setRandomFailures(null);
    await expect(outcomes()).resolves.toEqual(Array.from({ length: 40 }, () => 200));
  });

  it('with afterWrite, carries a failed write out and loses only its answer', async () => {
    sim.setRandomFailures({ rate: 1, seed: 1, afterWrite: true });
    await expect(call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier()] })).resolves.toMatchObject({ status: 503 });
    sim.setRandomFailures(null);
    expect(sim.state().dossiers.map((d) => [d.code, d.version])).toEqual([[CODE, 1]]);
  });

  it('can take a second create of the same dossier as a new creation, so a test can see it was created twice', async () => {
    await sim.close();
    sim = await startNationalPortalSimulator({ procedureCodes: CODES, duplicateCreate: 'accept' });
    session = await login(sim);
    await call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier()] });
    await expect(call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier()] })).resolves.toMatchObject({ body: { error_code: 0 } });
    expect(sim.state().history.filter((w) => w.code === CODE && w.mode === 'create')).toHaveLength(2);
  });

  it('keeps a bounded history, counting what it dropped', async () => {
    await sim.close();
    sim = await startNationalPortalSimulator({ procedureCodes: CODES, historyLimit: 2 });
    session = await login(sim);
    await call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier()] });
    await call('DongBoHoSoMC', { isUpdating: 'True', data: [validDossier()] });
    await call('DongBoHoSoMC', { isUpdating: 'True', data: [validDossier()] });
    expect(sim.state()).toMatchObject({ historyDropped: 1, history: [{ seq: 2, version: 2 }, { seq: 3, version: 3 }] });
  });

  it('reports its state over HTTP, whole or for one dossier, and takes its faults over HTTP', async () => {
    await call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier(), validDossier({ MaHoSo: '000.00.20.H56-240315-0002' })] });
    const whole = await (await fetch(`${sim.url}/__sim/state`)).json();
    expect(whole).toEqual(sim.state());
    const one = (await (await fetch(`${sim.url}/__sim/state?code=${CODE}`)).json()) as { dossiers: Array<{ code: string }>; history: unknown[] };
    expect(one.dossiers.map((d) => d.code)).toEqual([CODE]);
    expect(one.history).toHaveLength(1);

    const control = (path: string, body: unknown): Promise<Response> => fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await control('/__sim/random-failures', { rate: 2, seed: 1 })).status).toBe(400);
    expect((await control('/__sim/refused-dossiers', { codes: [CODE] })).status).toBe(200);
    await expect(call('DongBoHoSoMC', { isUpdating: 'True', data: [validDossier()] })).resolves.toMatchObject({ body: { error_code: 17 } });
    expect((await control('/__sim/random-failures', { rate: 1, seed: 3 })).status).toBe(200);
    await expect(call('TraCuuHoSo', { MaHoSo: CODE })).resolves.toMatchObject({ status: 503 });
    await control('/__sim/random-failures', null);
    await control('/__sim/expire-sessions', {});
    await expect(call('TraCuuHoSo', { MaHoSo: CODE })).resolves.toMatchObject({ body: { error_code: 401 } });
  });

  it('counts each call under its service', async () => {
    sim.resetStats();
    await call('TraCuuHoSo', { MaHoSo: CODE });
    await call('DongBoHoSoMC', { isUpdating: 'False', data: [validDossier()] });
    await login(sim);
    expect(sim.stats.byOperation).toEqual({ TraCuuHoSo: 1, DongBoHoSoMC: 1, login: 1 });
  });

  it('refuses options it cannot run with, naming them', async () => {
    await expect(startNationalPortalSimulator({ procedureCodes: ['1.001612.H56'] })).rejects.toThrow(/^SIM_OPTIONS_INVALID: .*procedureCodes\.0: must be national procedure codes/);
    await expect(startNationalPortalSimulator({ procedureCodes: [] })).rejects.toThrow(/procedureCodes/);
  });
});
