import { BALANCE_PATH, SMS_SEND_PATH, startSmsBrandnameSimulator, type SmsBrandnameSimulator } from '..';

const request = (overrides: Record<string, unknown> = {}) => ({
  ApiKey: 'k',
  SecretKey: 's',
  Brandname: 'UBND-TINH',
  Phone: '84912345678',
  Content: 'UBND xa Thanh Thai: Ho so 000.00.06.H41-240315-0001 da duoc tiep nhan. Hen tra 20/03/2024.',
  SmsType: '2',
  IsUnicode: 0,
  RequestId: 'req-1',
  ...overrides,
});

describe('sms-brandname simulator', () => {
  let sim: SmsBrandnameSimulator;
  const send = async (body: unknown) => {
    const res = await fetch(`${sim.url}${SMS_SEND_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as { CodeResult: string; SMSID?: string; ErrorMessage?: string };
  };
  beforeEach(async () => {
    sim = await startSmsBrandnameSimulator({ apiKey: 'k', secretKey: 's', balance: 2 });
  });
  afterEach(() => sim.close());

  it('accepts a plain customer-care message, keeps it and answers CodeResult "100" with an SMSID', async () => {
    const answer = await send(request());
    expect(answer).toMatchObject({ CodeResult: '100', SMSID: expect.any(String) });
    expect(sim.state()).toMatchObject({ balance: 1, messages: [{ smsId: answer.SMSID, phone: '84912345678', requestId: 'req-1', unicode: false }] });
  });

  it.each([
    ['wrong keys', '101', request({ SecretKey: 'x' })],
    ['an unregistered brandname', '104', request({ Brandname: 'QUANG-CAO' })],
    ['no message type', '300', request({ SmsType: undefined })],
    ['a phone not in 84… form', '99', request({ Phone: '0912345678' })],
    ['Vietnamese letters sent as plain text', '99', request({ Content: 'Hồ sơ đã được tiếp nhận' })],
    ['plain text longer than one segment', '99', request({ Content: 'x'.repeat(161) })],
    ['Unicode text longer than one segment', '99', request({ Content: 'ư'.repeat(71), IsUnicode: 1 })],
  ])('refuses %s with CodeResult %s and sends nothing', async (_what, code, body) => {
    expect((await send(body)).CodeResult).toBe(code);
    expect(sim.state().messages).toHaveLength(0);
  });

  it('sends exactly 160 GSM characters, and Vietnamese text as Unicode', async () => {
    expect((await send(request({ Content: 'x'.repeat(160) }))).CodeResult).toBe('100');
    expect((await send(request({ Content: 'Hồ sơ đã được tiếp nhận', IsUnicode: 1, RequestId: 'req-2' }))).CodeResult).toBe('100');
  });

  it('never sends a RequestId twice: a repeat answers 124 with the first SMSID', async () => {
    const first = await send(request());
    expect(await send(request())).toMatchObject({ CodeResult: '124', SMSID: first.SMSID });
    expect(sim.state().messages).toHaveLength(1);
  });

  it('answers the balance to the right keys and 101 to others', async () => {
    await send(request());
    const balance = async (key: string) => (await (await fetch(`${sim.url}${BALANCE_PATH}${key}/s`)).json()) as Record<string, unknown>;
    expect(await balance('k')).toMatchObject({ Balance: 1, CodeResponse: '100' });
    expect(await balance('x')).toMatchObject({ CodeResponse: '101' });
  });

  it('answers 103 once the balance is spent', async () => {
    await send(request({ RequestId: 'a' }));
    await send(request({ RequestId: 'b' }));
    expect((await send(request({ RequestId: 'c' }))).CodeResult).toBe('103');
  });

  it('fails the next N calls over HTTP as asked, then serves again, and shows its state', async () => {
    await fetch(`${sim.url}/__sim/fail-next`, { method: 'POST', body: JSON.stringify({ count: 1, failure: { codeResult: '99', errorMessage: 'Hệ thống bận' } }) });
    expect((await send(request())).CodeResult).toBe('99');
    expect((await send(request())).CodeResult).toBe('100');
    const state = (await (await fetch(`${sim.url}/__sim/state`)).json()) as { messages: unknown[]; failing: number };
    expect(state).toMatchObject({ failing: 0, messages: [expect.objectContaining({ requestId: 'req-1' })] });
  });
});
