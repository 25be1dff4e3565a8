import { startZaloZnsSimulator, type ZaloZnsSimulator } from '..';

const message = (overrides: Record<string, unknown> = {}) => ({
  phone: '84912345678',
  template_id: '400102',
  template_data: { customer_name: 'N.V. An', dossier_code: '000.00.20.H56-240315-0001', status: 'Được tiếp nhận', agency_name: 'UBND xã Thanh Thái', appointment_date: '20/03/2024' },
  tracking_id: 'trk-1',
  ...overrides,
});

describe('zalo-zns simulator', () => {
  let sim: ZaloZnsSimulator;
  let token: string;
  const send = async (body: unknown, accessToken = token) => {
    const res = await fetch(`${sim.url}/message/template`, { method: 'POST', headers: { access_token: accessToken, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { error: number; message: string; data?: Record<string, unknown> } };
  };
  const refresh = async (refreshToken: string, secretKey = sim.secretKey) => {
    const res = await fetch(`${sim.oauthUrl}/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: secretKey },
      body: new URLSearchParams({ app_id: sim.appId, grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
    });
    return (await res.json()) as Record<string, unknown>;
  };

  beforeEach(async () => {
    sim = await startZaloZnsSimulator({ refreshToken: 'first-refresh', phonesWithoutZalo: ['84987654321'], dailyQuota: 3 });
    const pair = await refresh('first-refresh');
    token = pair.access_token as string;
  });
  afterEach(() => sim.close());

  it('rotates the refresh token: a refresh answers a new pair and the old refresh token no longer works', async () => {
    const second = await refresh(sim.state().refreshToken);
    expect(second).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: '90000' });
    expect(await refresh('first-refresh')).toMatchObject({ error: -14020 });
    expect(await refresh(second.refresh_token as string, 'wrong-secret')).toMatchObject({ error: -14001 });
  });

  it('accepts a valid template message, keeps it and answers msg_id, sent_time and quota as strings', async () => {
    const { status, body } = await send(message());
    expect(status).toBe(200);
    expect(body).toMatchObject({ error: 0, message: 'Success', data: { msg_id: expect.stringMatching(/^[0-9a-f]{32}$/), sent_time: expect.stringMatching(/^\d{13}$/), quota: { dailyQuota: '3', remainingQuota: '2' } } });
    expect(sim.state().messages).toEqual([expect.objectContaining({ phone: '84912345678', templateId: '400102', trackingId: 'trk-1', msgId: body.data!.msg_id })]);
    const overHttp = (await (await fetch(`${sim.url}/__sim/state`)).json()) as { messages: unknown[] };
    expect(overHttp.messages).toHaveLength(1);
  });

  it.each([
    ['a phone not in international form', message({ phone: '0912345678' }), -108],
    ['an unknown template', message({ template_id: '999999' }), -109],
    ['a parameter longer than declared', message({ template_data: { ...message().template_data, customer_name: 'Nguyễn Thị Phương Thảo Nguyên Hạnh' } }), -112],
    ['a parameter the template does not declare', message({ template_data: { ...message().template_data, id_number: '001090000001' } }), -112],
    ['a missing parameter', message({ template_data: { customer_name: 'N.V. An' } }), -112],
    ['a body that is not JSON', '{"phone": ', -122],
    ['no tracking id', message({ tracking_id: undefined }), -122],
    ['a recipient without a Zalo account', message({ phone: '84987654321' }), -118],
  ])('refuses %s with its error code and keeps nothing', async (_what, body, code) => {
    const answer = await send(body);
    expect(answer.body.error).toBe(code);
    expect(sim.state().messages).toHaveLength(0);
  });

  it('counts a parameter in composed characters: 30 Vietnamese letters written decomposed are still 30', async () => {
    const thirty = 'Nguyễn Thị Phương Thảo Nguyênn'.normalize('NFD');
    expect([...thirty.normalize('NFC')]).toHaveLength(30);
    expect(thirty.length).toBeGreaterThan(30);
    const { body } = await send(message({ template_data: { ...message().template_data, customer_name: thirty } }));
    expect(body.error).toBe(0);
  });

  it('refuses a wrong or expired access token with -124', async () => {
    expect((await send(message(), 'not-a-token')).body.error).toBe(-124);
    sim.expireAccessTokens();
    expect((await send(message())).body.error).toBe(-124);
  });

  it('never delivers a tracking id twice: a repeat answers -1001 with the first msg_id', async () => {
    const first = await send(message());
    const again = await send(message({ template_data: { ...message().template_data, status: 'Đang xử lý' } }));
    expect(again.body).toMatchObject({ error: -1001, data: { msg_id: first.body.data!.msg_id } });
    expect(sim.state().messages).toHaveLength(1);
  });

  it('answers the daily quota left to a valid token, and -124 to another', async () => {
    await send(message());
    const quota = async (accessToken: string) => (await (await fetch(`${sim.url}/message/quota`, { headers: { access_token: accessToken } })).json()) as Record<string, unknown>;
    expect(await quota(token)).toEqual({ error: 0, message: 'Success', data: { dailyQuota: '3', remainingQuota: '2' } });
    expect(await quota('stale')).toMatchObject({ error: -124 });
  });

  it('answers -144 once the daily quota is spent', async () => {
    for (const id of ['a', 'b', 'c']) expect((await send(message({ tracking_id: id }))).body.error).toBe(0);
    expect((await send(message({ tracking_id: 'd' }))).body.error).toBe(-144);
  });

  it('fails the next N calls as asked, in process or over HTTP, then serves again', async () => {
    sim.failNext(2, { error: -32 });
    expect((await send(message({ tracking_id: 'x1' }))).body.error).toBe(-32);
    expect((await send(message({ tracking_id: 'x2' }))).body.error).toBe(-32);
    expect((await send(message({ tracking_id: 'x3' }))).body.error).toBe(0);
    await fetch(`${sim.url}/__sim/fail-next`, { method: 'POST', body: JSON.stringify({ count: 1, failure: { status: 502, body: '<html>Bad Gateway</html>' } }) });
    const res = await fetch(`${sim.url}/message/template`, { method: 'POST', headers: { access_token: token }, body: JSON.stringify(message({ tracking_id: 'x4' })) });
    expect(res.status).toBe(502);
    expect(sim.state().messages.map((m) => m.trackingId)).toEqual(['x3']);
  });
});
