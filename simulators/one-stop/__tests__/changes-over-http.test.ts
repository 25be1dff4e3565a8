import { XMLParser } from 'fast-xml-parser';
import { startOneStopSimulator, type OneStopDialect, type OneStopSimulator } from '../index';
import type { Dossier } from '../types';
import { AGENCIES, CREDENTIALS, parseCompact, parseIgate, parseSlash, PROCEDURES, SEED } from './helpers';

const COUNT = 2_000;
const HOUR = 3_600_000;
const NS = 'http://motcua.gov.vn/';
const PROVINCE: Record<OneStopDialect, string> = { igate: 'H56', motcua: 'H41', soap: 'H48' };
const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'HoSo' });

type Row = Record<string, any>;

/** A thin client of each dialect: list a page (with extra filters) and read one dossier, answering raw records. */
interface DialectClient {
  list(filters: Record<string, string>, page: number, size: number): Promise<{ total: number; items: Row[] }>;
  get(code: string): Promise<Row | null>;
  code(record: Row): string;
  status(record: Row): string;
}

async function clientFor(sim: OneStopSimulator): Promise<DialectClient> {
  if (sim.dialect === 'igate') {
    const res = await fetch(`${sim.url}/auth/realms/digo/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: 'lienthong-gateway', ...CREDENTIALS }) });
    const { access_token: token } = (await res.json()) as { access_token: string };
    const get = async (path: string): Promise<Response> => fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return {
      async list(filters, page, size) {
        const res = await get(`/pa/dossier/search?${new URLSearchParams({ ...filters, page: String(page), size: String(size) })}`);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { totalElements: number; content: Row[] };
        return { total: body.totalElements, items: body.content };
      },
      async get(code) {
        const res = await get(`/pa/dossier/--by-code?code=${encodeURIComponent(code)}`);
        return res.status === 404 ? null : ((await res.json()) as Row);
      },
      code: (record) => record.code,
      status: (record) => String(record.dossierStatus),
    };
  }
  if (sim.dialect === 'motcua') {
    const headers = { authorization: `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}` };
    return {
      async list(filters, page, size) {
        const res = await fetch(`${sim.url}/api/hoso?${new URLSearchParams({ ...filters, trang: String(page + 1), soLuong: String(size) })}`, { headers });
        expect(res.status).toBe(200);
        const body = (await res.json()) as { TongSo: string; DanhSach: Row[] };
        return { total: Number(body.TongSo), items: body.DanhSach };
      },
      async get(code) {
        const res = await fetch(`${sim.url}/api/hoso/${encodeURIComponent(code)}`, { headers });
        return res.status === 404 ? null : ((await res.json()) as { HoSo: Row }).HoSo;
      },
      code: (record) => record.MaHoSo,
      status: (record) => record.TrangThaiHoSo,
    };
  }
  const call = async (operation: string, params: Record<string, string>): Promise<{ status: number; body: Row }> => {
    const inner = Object.entries(params).map(([name, value]) => `<${name}>${value}</${name}>`).join('');
    const envelope = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><AuthHeader xmlns="${NS}"><Username>${CREDENTIALS.username}</Username><Password>${CREDENTIALS.password}</Password></AuthHeader></soap:Header><soap:Body><${operation} xmlns="${NS}">${inner}</${operation}></soap:Body></soap:Envelope>`;
    const res = await fetch(`${sim.url}/HoSoService.asmx`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${NS}${operation}"` }, body: envelope });
    const body = xml.parse(await res.text()).Envelope.Body as Row;
    return { status: res.status, body: res.status === 200 ? body[`${operation}Response`][`${operation}Result`] : body.Fault };
  };
  return {
    async list(filters, page, size) {
      const { status, body } = await call('LayDanhSachHoSo', { tuNgay: '20000101', denNgay: '20991231', ...filters, trang: String(page + 1), soLuong: String(size) });
      expect(status).toBe(200);
      return { total: Number(body.TongSo), items: body.DanhSachHoSo === '' ? [] : body.DanhSachHoSo.HoSo };
    },
    async get(code) {
      const { status, body } = await call('LayHoSo', { maHoSo: code });
      return status === 200 ? (body.HoSo as Row[])[0]! : null;
    },
    code: (record) => record.MaHoSo,
    status: (record) => record.TrangThaiHoSo,
  };
}

async function listAll(client: DialectClient, filters: Record<string, string>, size = 100): Promise<Row[]> {
  const all: Row[] = [];
  for (let page = 0; ; page++) {
    const { items } = await client.list(filters, page, size);
    all.push(...items);
    if (items.length < size) return all;
  }
}

async function control(sim: OneStopSimulator, path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sim.url}/__sim/${path}`, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return { status: res.status, body: await res.json() };
}

/** The vendor's status code for a canonical dossier. */
const vendorStatus = (dialect: OneStopDialect, dossier: Dossier): string =>
  dialect !== 'igate' ? String(dossier.status) : dossier.awaitingExtension ? '10' : String({ 1: 0, 2: 1, 4: 2, 5: 3, 8: 4, 9: 5, 10: 6, 7: 7, 3: 8, 6: 9 }[dossier.status]);

describe.each(['igate', 'motcua', 'soap'] as const)('a %s simulator whose dossiers change', (dialect) => {
  let sim: OneStopSimulator;
  let client: DialectClient;
  beforeAll(async () => {
    sim = await startOneStopSimulator({ dialect, provinceCode: PROVINCE[dialect], agencies: AGENCIES, procedures: PROCEDURES, seed: SEED, dossiers: COUNT, newPerDay: 60, changesPerDay: 0 });
    client = await clientFor(sim);
  });
  afterAll(() => sim.close());

  test('shows its clock, and moves it, changes dossiers and corrects one through the control routes', async () => {
    const state = await control(sim, 'state');
    expect(state).toEqual({ status: 200, body: expect.objectContaining({ now: '2026-11-01T09:00:00+07:00', speed: 0, dossiers: COUNT, generated: COUNT, arrivals: 0, newPerDay: 60 }) });
    const moved = await control(sim, 'advance', { ms: 6 * HOUR });
    expect(moved.body).toMatchObject({ now: '2026-11-01T15:00:00+07:00', dossiers: COUNT + 15, arrivals: 15 });
    expect(sim.dossierCount).toBe(COUNT + 15);

    const { body } = await control(sim, 'mutate', { count: 12 });
    expect(body.changes).toHaveLength(12);
    for (const change of body.changes as Array<{ code: string; to: number; at: string }>) {
      expect(change.at).toBe('2026-11-01T15:00:00+07:00');
      const served = await client.get(change.code);
      expect(client.status(served!)).toBe(vendorStatus(dialect, sim.dossier(change.code)!));
      expect(sim.dossier(change.code)!.status).toBe(change.to);
      if (dialect === 'igate') expect(parseIgate(served!.updatedDate)).toBe(Date.parse(change.at));
      // The portal's keys carry no update instant: motcua and soap records say nothing of when they changed.
      else expect(Object.keys(served!).some((key) => /CapNhat|Update/i.test(key))).toBe(false);
    }

    const finished = sim.dossiers.find((dossier) => dossier.status === 10)!;
    const corrected = await control(sim, 'correct', { code: finished.code, patch: { applicantName: 'Trần Thị Đúng' } });
    expect(corrected).toEqual({ status: 200, body: { code: finished.code, applicantName: 'Trần Thị Đúng', updatedAt: finished.updatedAt } });
    const served = await client.get(finished.code);
    expect(dialect === 'igate' ? served!.applicant.data.fullname : served!.ChuHoSo).toBe('Trần Thị Đúng');
    expect(sim.correctedSince(new Date('2026-11-01T15:00:00+07:00'))).toEqual([finished.code]);
  });

  test('refuses malformed control requests with 400, unknown dossiers with 404, a wrong method with 405, whatever fault is set', async () => {
    sim.setFault({ mode: 'fail' });
    try {
      expect((await control(sim, 'advance', { ms: 'soon' })).status).toBe(400);
      expect((await control(sim, 'advance', { ms: -5 })).body.error).toMatch(/≥ 0/);
      expect((await control(sim, 'advance', 'not json')).status).toBe(400);
      expect((await control(sim, 'mutate', { count: 1.5 })).status).toBe(400);
      expect((await control(sim, 'correct', { code: sim.dossiers[0]!.code, patch: { status: 10 } })).body.error).toMatch(/may correct only/);
      expect((await control(sim, 'correct', { code: '000.00.41.H56-990101-0001' })).status).toBe(404);
      expect((await control(sim, 'mutate', undefined, 'GET')).status).toBe(405);
      expect((await control(sim, 'speed', { speed: 0 })).status).toBe(200);
    } finally {
      sim.setFault({ mode: 'none' });
    }
  });

  test('lists the dossiers of a status, changed and new ones included, as the canonical dossiers say', async () => {
    await control(sim, 'advance', { ms: 2 * HOUR });
    await control(sim, 'mutate', { fraction: 0.3 });
    const codes = dialect === 'igate' ? ['0', '1', '2', '10'] : ['1', '2', '4'];
    for (const code of codes) {
      const filters: Record<string, string> = dialect === 'igate' ? { 'dossier-status': code } : { trangThai: code };
      const served = await listAll(client, filters);
      const expected = sim.dossiers.filter((dossier) => vendorStatus(dialect, dossier) === code);
      expect([code, served.map(client.code)]).toEqual([code, expected.map((dossier) => dossier.code)]);
    }
    expect(sim.dossiers.filter((dossier) => dossier.status === 1 && Date.parse(dossier.submittedAt) > Date.parse('2026-11-01T09:00:00+07:00')).length).toBeGreaterThan(0);
  });

  if (dialect === 'igate') {
    test('lists the dossiers updated from an instant (included) to another (excluded), oldest update first', async () => {
      const changed = sim.mutate({ count: 5 });
      const at = changed[0]!.at;
      // Brute force over every dossier in registration order; a stable sort keeps that order for equal instants.
      const updatedIn = (from: number, to: number): string[] =>
        [...sim.iterate()]
          .filter((dossier) => Date.parse(dossier.updatedAt) >= from && Date.parse(dossier.updatedAt) < to)
          .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt))
          .map((dossier) => dossier.code);
      const since = (await listAll(client, { 'updated-from': at, sort: 'updatedDate,asc' })).map(client.code);
      expect(since).toEqual(updatedIn(Date.parse(at), Infinity));
      expect(since).toEqual(sim.changedSince(Date.parse(at)));
      expect(since).toEqual(expect.arrayContaining(changed.map((change) => change.code)));
      const before = (await listAll(client, { 'updated-from': '2026-10-25', 'updated-to': new Date(at).toISOString(), sort: 'updatedDate,asc' })).map(client.code);
      expect(before).toEqual(updatedIn(Date.parse('2026-10-25T00:00:00+07:00'), Date.parse(at)));
      expect(before.length).toBeGreaterThan(10);
      expect(before.some((code) => since.includes(code))).toBe(false);
      const token = ((await (await fetch(`${sim.url}/auth/realms/digo/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: 'lienthong-gateway', ...CREDENTIALS }) })).json()) as { access_token: string }).access_token;
      const malformed = await fetch(`${sim.url}/pa/dossier/search?updated-from=yesterday`, { headers: { authorization: `Bearer ${token}` } });
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as { message: string }).message).toMatch(/updated-from/);
    });
  } else {
    test('refuses a status code outside the national table', async () => {
      if (dialect === 'motcua') {
        const headers = { authorization: `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}` };
        for (const trangThai of ['11', 'mới', '1,,2']) expect((await fetch(`${sim.url}/api/hoso?trangThai=${encodeURIComponent(trangThai)}`, { headers })).status).toBe(400);
      } else {
        const envelope = (value: string): string =>
          `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><AuthHeader xmlns="${NS}"><Username>lienthong</Username><Password>demo-secret</Password></AuthHeader></soap:Header><soap:Body><LayDanhSachHoSo xmlns="${NS}"><tuNgay>20260101</tuNgay><denNgay>20261231</denNgay><trangThai>${value}</trangThai></LayDanhSachHoSo></soap:Body></soap:Envelope>`;
        for (const value of ['11', '1,2']) {
          const res = await fetch(`${sim.url}/HoSoService.asmx`, { method: 'POST', headers: { 'content-type': 'text/xml', soapaction: `"${NS}LayDanhSachHoSo"` }, body: envelope(value) });
          expect(res.status).toBe(500);
          expect(await res.text()).toMatch(/THAM_SO_KHONG_HOP_LE/);
        }
      }
    });
  }

  test('lists a reception window page by page with each dossier once, the moved ones where they now stand', async () => {
    const filters: Record<string, string> = dialect === 'igate' ? { 'accepted-from': '2026-10-01', 'accepted-to': '2026-11-30' } : { tuNgay: '20261001', denNgay: '20261130' };
    const served = await listAll(client, filters, 37);
    const expected = sim.dossiers.filter((dossier) => {
      const at = dialect === 'igate' ? dossier.receivedAt : (dossier.receivedAt ?? dossier.submittedAt);
      return at !== null && at >= '2026-10-01T00:00:00+07:00' && at < '2026-12-01T00:00:00+07:00';
    });
    expect(served.map(client.code)).toEqual(expected.map((dossier) => dossier.code));
    const date = (text: string): number => (dialect === 'igate' ? parseIgate(text) : text.includes('/') ? parseSlash(text) : parseCompact(text));
    const receivedKey = dialect === 'igate' ? 'acceptedDate' : 'NgayTiepNhan';
    served.forEach((record, k) => {
      const truth = expected[k]!;
      if (truth.receivedAt !== null) expect(date(record[receivedKey])).toBe(Date.parse(truth.receivedAt));
    });
  });
});
