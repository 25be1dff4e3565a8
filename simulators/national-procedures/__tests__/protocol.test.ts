import { startNationalProceduresSimulator, type NationalProceduresSimulator } from '..';

const DSTCODE = 'VN:GOV:000.00.00.G22:vpcpdvcprovider';
const credentials = { username: 'lienthong', password: 'demo-secret' };

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs to the simulator; `routing` says where the dstcode goes. */
async function post(sim: NationalProceduresSimulator, path: string, body: unknown, routing: 'header' | 'query' | 'none' | { header: string } = 'header'): Promise<Answer> {
  const url = new URL(path, sim.url);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (routing === 'header') headers.dstcode = DSTCODE;
  else if (routing === 'query') url.searchParams.set('dstcode', DSTCODE);
  else if (routing !== 'none') headers.dstcode = routing.header;
  const res = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function login(sim: NationalProceduresSimulator): Promise<string> {
  const { body } = await post(sim, '/login', credentials);
  return body.session as string;
}

async function call(sim: NationalProceduresSimulator, session: string, service: string, params: Record<string, unknown> = {}, routing: 'header' | 'query' = 'header'): Promise<Answer> {
  return post(sim, '/integration', { session, madonvi: '000.00.00.H56', service, ...params }, routing);
}

describe('national procedures simulator protocol', () => {
  let sim: NationalProceduresSimulator;
  let session: string;
  beforeAll(async () => {
    sim = await startNationalProceduresSimulator({ seed: 5, procedures: 80 });
    session = await login(sim);
  });
  afterAll(() => sim.close());

  it('logs in with the right credentials and answers a random session with error_code 0', async () => {
    const first = await post(sim, '/login', credentials);
    const second = await post(sim, '/login', credentials);
    expect(first).toEqual({ status: 200, body: { session: expect.stringMatching(/^[0-9a-f]{32}$/), error_code: 0 } });
    expect(second.body.session).not.toBe(first.body.session);
  });

  it('refuses a wrong password with error_code 1 over HTTP 200', async () => {
    await expect(post(sim, '/login', { ...credentials, password: 'wrong' })).resolves.toEqual({
      status: 200,
      body: { error_code: 1, error_message: 'Sai tên đăng nhập hoặc mật khẩu' },
    });
    await expect(post(sim, '/login', { username: 'lienthong' })).resolves.toMatchObject({ body: { error_code: 1 } });
  });

  it('lists every procedure as {MATTHC, TENTTHC} in one answer', async () => {
    const { status, body } = await call(sim, session, 'LayDanhSachTTHC');
    expect(status).toBe(200);
    expect(body).toEqual({ error_code: 0, result: sim.data.procedures.map((p) => ({ MATTHC: p.MATTHC, TENTTHC: p.TENTTHC })) });
    expect(body.result).toHaveLength(80);
  });

  it('answers LayThuTuc with the full raw record, or an empty result for an unknown code', async () => {
    const { body } = await call(sim, session, 'LayThuTuc', { maTTHC: '1.001612' });
    expect(body).toEqual({ error_code: 0, result: [sim.data.procedures.find((p) => p.MATTHC === '1.001612')] });
    expect((body.result as Array<{ TENTTHC: string }>)[0]!.TENTTHC).toBe('Đăng ký khai sinh');
    await expect(call(sim, session, 'LayThuTuc', { maTTHC: '9.999999' })).resolves.toEqual({ status: 200, body: { error_code: 0, result: [] } });
    await expect(call(sim, session, 'LayThuTuc')).resolves.toEqual({ status: 200, body: { error_code: 0, result: [] } });
  });

  it('serves the agency and sector directories as generated', async () => {
    const agencies = await call(sim, session, 'LayDanhMucCoQuan');
    expect(agencies.body).toEqual({ error_code: 0, result: sim.data.agencies });
    expect(agencies.body.result).toContainEqual({ MADONVI: '000.00.00.G22', TENDONVI: 'Văn phòng Chính phủ', CAPDONVI: '0' });
    const sectors = await call(sim, session, 'LayDanhMucLinhVuc');
    expect(sectors.body).toEqual({ error_code: 0, result: sim.data.sectors });
  });

  it('accepts the routing code as a header or as a ?dstcode= query parameter', async () => {
    const viaQuery = await post(sim, '/login', credentials, 'query');
    expect(viaQuery.body).toMatchObject({ error_code: 0 });
    const listed = await call(sim, viaQuery.body.session as string, 'LayDanhMucLinhVuc', {}, 'query');
    expect(listed.body).toMatchObject({ error_code: 0, result: sim.data.sectors });
  });

  it('refuses a missing or wrong routing code with error_code -1 over HTTP 200', async () => {
    await expect(post(sim, '/login', credentials, 'none')).resolves.toEqual({ status: 200, body: { error_code: -1, error_message: 'Thiếu mã định tuyến (dstcode)' } });
    await expect(post(sim, '/login', credentials, { header: 'VN:GOV:000.00.00.G99:other' })).resolves.toEqual({
      status: 200,
      body: { error_code: -1, error_message: 'Mã định tuyến không hợp lệ: VN:GOV:000.00.00.G99:other' },
    });
    const integration = await post(sim, '/integration', { session, madonvi: '000.00.00.H56', service: 'LayDanhMucLinhVuc' }, 'none');
    expect(integration.body).toMatchObject({ error_code: -1 });
  });

  it('answers error_code 401 for an unknown session', async () => {
    await expect(call(sim, 'not-a-session', 'LayDanhMucLinhVuc')).resolves.toEqual({
      status: 200,
      body: { error_code: 401, error_message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn' },
    });
  });

  it('answers error_code 401 for every session after expireSessions(), and a new login works', async () => {
    const own = await login(sim);
    expect((await call(sim, own, 'LayDanhMucLinhVuc')).body.error_code).toBe(0);
    sim.expireSessions();
    await expect(call(sim, own, 'LayDanhMucLinhVuc')).resolves.toEqual({
      status: 200,
      body: { error_code: 401, error_message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn' },
    });
    session = await login(sim);
    expect((await call(sim, session, 'LayDanhMucLinhVuc')).body.error_code).toBe(0);
  });

  it('names an unknown service in error_code 2', async () => {
    await expect(call(sim, session, 'LayHoSo')).resolves.toEqual({ status: 200, body: { error_code: 2, error_message: 'Dịch vụ không tồn tại: LayHoSo' } });
    await expect(call(sim, session, 'toString')).resolves.toMatchObject({ body: { error_code: 2 } });
  });

  it('requires madonvi on integration calls (error_code 3)', async () => {
    await expect(post(sim, '/integration', { session, service: 'LayDanhMucLinhVuc' })).resolves.toEqual({
      status: 200,
      body: { error_code: 3, error_message: 'Thiếu mã đơn vị gọi dịch vụ (madonvi)' },
    });
  });

  it('answers HTTP 400 with a JSON error_code for a body that is not a JSON object', async () => {
    await expect(post(sim, '/integration', '{"session": ')).resolves.toEqual({ status: 400, body: { error_code: 400, error_message: 'Dữ liệu gửi lên không phải JSON hợp lệ' } });
    await expect(post(sim, '/login', '[1,2]')).resolves.toEqual({ status: 400, body: { error_code: 400, error_message: 'Dữ liệu gửi lên phải là một đối tượng JSON' } });
  });

  it('answers 404 off the two routes and 405 for a method other than POST', async () => {
    await expect(post(sim, '/adapter/login', credentials)).resolves.toMatchObject({ status: 404, body: { error_code: 404 } });
    const res = await fetch(new URL('/login', sim.url), { headers: { dstcode: DSTCODE } });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ error_code: 405 });
  });

  it('counts each call under its operation name, refused calls included', async () => {
    sim.resetStats();
    const own = await login(sim);
    await call(sim, own, 'LayDanhSachTTHC');
    await call(sim, own, 'LayThuTuc', { maTTHC: '1.001612' });
    await call(sim, own, 'LayThuTuc', { maTTHC: '2.002621' });
    await call(sim, 'expired', 'LayDanhMucCoQuan');
    expect(sim.stats.requests).toBe(5);
    expect(sim.stats.byOperation).toEqual({ login: 1, LayDanhSachTTHC: 1, LayThuTuc: 2, LayDanhMucCoQuan: 1 });
  });

  it('keeps the kit\'s fault injection in front of the protocol', async () => {
    sim.setFault({ mode: 'fail', status: 503 });
    const res = await fetch(new URL('/login', sim.url), { method: 'POST', headers: { dstcode: DSTCODE }, body: JSON.stringify(credentials) });
    expect(res.status).toBe(503);
    sim.setFault({ mode: 'none' });
    expect((await post(sim, '/login', credentials)).body.error_code).toBe(0);
  });
});

describe('national procedures simulator sessions and options', () => {
  it('expires a session sessionTtlMs after login', async () => {
    const sim = await startNationalProceduresSimulator({ procedures: 4, sessionTtlMs: 1000 });
    try {
      const session = await login(sim);
      expect((await call(sim, session, 'LayDanhMucLinhVuc')).body.error_code).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await expect(call(sim, session, 'LayDanhMucLinhVuc')).resolves.toEqual({
        status: 200,
        body: { error_code: 401, error_message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn' },
      });
    } finally {
      await sim.close();
    }
  });

  it('uses the configured credentials and routing code', async () => {
    const sim = await startNationalProceduresSimulator({ procedures: 4, username: 'u', password: 'p', dstcode: 'VN:GOV:000.00.00.H56:igate' });
    try {
      expect((await post(sim, '/login', { username: 'u', password: 'p' }, { header: 'VN:GOV:000.00.00.H56:igate' })).body.error_code).toBe(0);
      expect((await post(sim, '/login', { username: 'u', password: 'p' })).body.error_code).toBe(-1);
    } finally {
      await sim.close();
    }
  });

  it('stops start-up with one coded message for invalid options', async () => {
    await expect(startNationalProceduresSimulator({ procedures: 0, sessionTtlMs: -1 })).rejects.toThrow(
      'SIM_OPTIONS_INVALID: national-procedures simulator options are invalid: procedures: Too small: expected number to be >=4, got 0; sessionTtlMs: Too small: expected number to be >0, got -1',
    );
  });
});
