import { startOneStopSimulator, IGATE_STATUS_TABLE, type OneStopSimulator } from '../index';
import type { Dossier } from '../types';
import { AGENCIES, CREDENTIALS, instant, isUnder, parseIgate, PROCEDURES, SEED } from './helpers';

const TOKEN_PATH = '/auth/realms/digo/protocol/openid-connect/token';
const COUNT = 300;

interface Page {
  content: Array<Record<string, any>>;
  totalElements: number;
  totalPages: number;
  number: number;
  size: number;
  numberOfElements: number;
  first: boolean;
  last: boolean;
}

let sim: OneStopSimulator;
let token: string;

async function requestToken(form: Record<string, string>, url = sim.url): Promise<Response> {
  return fetch(`${url}${TOKEN_PATH}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
}

async function login(url = sim.url): Promise<string> {
  const res = await requestToken({ grant_type: 'password', client_id: 'lienthong-gateway', ...CREDENTIALS }, url);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function api(path: string, bearer: string | null = token): Promise<Response> {
  return fetch(`${sim.url}${path}`, { headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` } });
}

async function search(query: string): Promise<Page> {
  const res = await api(`/pa/dossier/search?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

async function searchAll(query: string, size = 100): Promise<Array<Record<string, any>>> {
  const all: Array<Record<string, any>> = [];
  for (let page = 0; ; page++) {
    const answer = await search(`${query}&page=${page}&size=${size}`);
    all.push(...answer.content);
    if (answer.last) return all;
  }
}

const vi = (names: Array<{ languageId: number; name: string }>): string | undefined => names.find((name) => name.languageId === 228)?.name;

beforeAll(async () => {
  sim = await startOneStopSimulator({ dialect: 'igate', provinceCode: 'H56', agencies: AGENCIES, procedures: PROCEDURES, seed: SEED, dossiers: COUNT });
  token = await login();
});
afterAll(() => sim.close());

describe('igate dialect', () => {
  test('issues a Keycloak-style bearer token for the password grant', async () => {
    const res = await requestToken({ grant_type: 'password', client_id: 'lienthong-gateway', ...CREDENTIALS });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(300);
    expect(String(body.access_token).split('.')).toHaveLength(3);
    expect(typeof body.refresh_token).toBe('string');
  });

  test('refuses wrong credentials with 401 invalid_grant and an unknown client with 401 invalid_client', async () => {
    const wrong = await requestToken({ grant_type: 'password', client_id: 'lienthong-gateway', username: 'lienthong', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    const client = await requestToken({ grant_type: 'password', client_id: 'someone-else', ...CREDENTIALS });
    expect(client.status).toBe(401);
    expect(((await client.json()) as { error: string }).error).toBe('invalid_client');
  });

  test('answers 401 with a JSON body when the token is missing or unknown', async () => {
    const missing = await api('/pa/dossier/search', null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await missing.json()) as { status: number }).status).toBe(401);
    const unknown = await api('/pa/dossier/search', 'not-a-token');
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toMatch(/invalid_token/);
  });

  test('answers 401 once tokens expire, by expireTokens() or by their lifetime, and a new token or the refresh grant works again', async () => {
    const own = await login();
    expect((await api('/pa/dossier/search?size=1', own)).status).toBe(200);
    sim.expireTokens();
    const expired = await api('/pa/dossier/search?size=1', own);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { message: string }).message).toMatch(/expired/);
    token = await login();
    expect((await api('/pa/dossier/search?size=1')).status).toBe(200);

    const short = await startOneStopSimulator({ dialect: 'igate', provinceCode: 'H56', agencies: AGENCIES, procedures: PROCEDURES, seed: SEED, dossiers: 5, tokenTtlMs: 200 });
    try {
      const res = await requestToken({ grant_type: 'password', client_id: 'lienthong-gateway', ...CREDENTIALS }, short.url);
      const pair = (await res.json()) as { access_token: string; refresh_token: string };
      const call = (bearer: string): Promise<Response> => fetch(`${short.url}/pa/dossier/search`, { headers: { authorization: `Bearer ${bearer}` } });
      expect((await call(pair.access_token)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await call(pair.access_token)).status).toBe(401);
      const renewed = await requestToken({ grant_type: 'refresh_token', client_id: 'lienthong-gateway', refresh_token: pair.refresh_token }, short.url);
      expect(renewed.status).toBe(200);
      expect((await call(((await renewed.json()) as { access_token: string }).access_token)).status).toBe(200);
    } finally {
      await short.close();
    }
  });

  test('pages through every dossier exactly once with Spring page totals', async () => {
    const first = await search('page=0&size=70');
    expect(first).toMatchObject({ totalElements: COUNT, totalPages: Math.ceil(COUNT / 70), number: 0, size: 70, numberOfElements: 70, first: true, last: false });
    const lastPage = await search(`page=${Math.ceil(COUNT / 70) - 1}&size=70`);
    expect(lastPage).toMatchObject({ numberOfElements: COUNT % 70, last: true, first: false });
    const all = await searchAll('', 70);
    const codes = all.map((dossier) => dossier.code as string);
    expect(new Set(codes).size).toBe(COUNT);
    expect(new Set(codes)).toEqual(new Set(sim.dossiers.map((dossier) => dossier.code)));
    const beyond = await search('page=99&size=70');
    expect(beyond.content).toEqual([]);
    expect(beyond.totalElements).toBe(COUNT);
  });

  test('caps the page size at 200 and says so in `size`', async () => {
    const page = await search('size=500');
    expect(page.size).toBe(200);
    expect(page.content).toHaveLength(200);
  });

  test('filters on the accepted date with whole days or exact instants, and leaves out dossiers never accepted', async () => {
    const expected = sim.dossiers.filter((dossier) => dossier.receivedAt !== null && dossier.receivedAt.slice(0, 10) >= '2026-01-01' && dossier.receivedAt.slice(0, 10) <= '2026-06-30');
    const byDay = await searchAll('accepted-from=2026-01-01&accepted-to=2026-06-30');
    expect(byDay.map((dossier) => dossier.code).sort()).toEqual(expected.map((dossier) => dossier.code).sort());
    expect(expected.length).toBeGreaterThan(10);

    const pivot = sim.dossiers.find((dossier) => dossier.receivedAt?.startsWith('2026-03')) as Dossier;
    const from = encodeURIComponent((pivot.receivedAt as string).replace('+07:00', '+0700'));
    const fromPivot = await searchAll(`accepted-from=${from}`);
    const expectedFrom = sim.dossiers.filter((dossier) => dossier.receivedAt !== null && Date.parse(dossier.receivedAt) >= Date.parse(pivot.receivedAt as string));
    expect(fromPivot.map((dossier) => dossier.code).sort()).toEqual(expectedFrom.map((dossier) => dossier.code).sort());
    const inUtc = await searchAll(`accepted-from=${new Date(Date.parse(pivot.receivedAt as string)).toISOString()}`);
    expect(inUtc).toHaveLength(expectedFrom.length);
  });

  test('rejects a malformed accepted date and an unknown sort property with 400', async () => {
    expect((await api('/pa/dossier/search?accepted-from=15/03/2026')).status).toBe(400);
    // An unencoded "+" arrives as a space, as in any servlet container.
    expect((await api('/pa/dossier/search?accepted-from=2026-03-15T08:00:00+07:00')).status).toBe(400);
    const sort = await api('/pa/dossier/search?sort=colour,asc');
    expect(sort.status).toBe(400);
    expect(((await sort.json()) as { message: string }).message).toMatch(/colour/);
  });

  test('filters on vendor status and serves 10, which IGATE_STATUS_TABLE leaves unmapped, for dossiers awaiting an extension', async () => {
    const waiting = await searchAll('dossier-status=10');
    const expected = sim.dossiers.filter((dossier) => dossier.awaitingExtension);
    expect(expected.length).toBeGreaterThan(0);
    expect(waiting.map((dossier) => dossier.code).sort()).toEqual(expected.map((dossier) => dossier.code).sort());
    expect(IGATE_STATUS_TABLE['10']).toBeUndefined();
    expect(waiting.every((dossier) => vi(dossier.dossierTaskStatus.name) === 'Chờ phê duyệt gia hạn')).toBe(true);

    const returned = await searchAll('dossier-status=5,6');
    expect(returned.map((dossier) => dossier.code).sort()).toEqual(sim.dossiers.filter((dossier) => dossier.status === 9 || dossier.status === 10).map((dossier) => dossier.code).sort());
  });

  test('filters on an agency code with its subordinates, and on a procedure code', async () => {
    const district = sim.dossiers.find((dossier) => dossier.agencyLevel === 3)?.agencyCode.replace(/^\d{3}\.\d{2}/, '000.00') as string;
    const inDistrict = await searchAll(`agency-id=${district}`);
    const expected = sim.dossiers.filter((dossier) => isUnder(dossier.agencyCode, district));
    expect(expected.some((dossier) => dossier.agencyCode !== district)).toBe(true);
    expect(inDistrict.map((dossier) => dossier.code).sort()).toEqual(expected.map((dossier) => dossier.code).sort());

    const procedure = sim.dossiers[0]?.procedureCode as string;
    const byProcedure = await searchAll(`procedure-id=${procedure}`);
    expect(byProcedure.map((dossier) => dossier.code).sort()).toEqual(sim.dossiers.filter((dossier) => dossier.procedureCode === procedure).map((dossier) => dossier.code).sort());
  });

  test('sorts by appointmentDate ascending with missing dates first, and by code descending', async () => {
    const byAppointment = await searchAll('sort=appointmentDate,asc', 200);
    const appointments = byAppointment.map((dossier) => (dossier.appointmentDate === undefined ? -Infinity : parseIgate(dossier.appointmentDate)));
    expect(appointments).toEqual([...appointments].sort((a, b) => a - b));
    expect(appointments[0]).toBe(-Infinity);
    const byCode = await searchAll('sort=code,desc', 200);
    const codes = byCode.map((dossier) => dossier.code as string);
    expect(codes).toEqual([...codes].sort().reverse());
  });

  test('serves one dossier by id and by code, and 404 JSON for unknown ones', async () => {
    const [listed] = (await search('size=1&code=' + encodeURIComponent(sim.dossiers[7]?.code as string))).content;
    expect(listed?.code).toBe(sim.dossiers[7]?.code);
    const byId = await api(`/pa/dossier/${listed?.id}/--online`);
    expect(byId.status).toBe(200);
    expect(await byId.json()).toEqual(listed);
    const byCode = await api(`/pa/dossier/--by-code?code=${encodeURIComponent(listed?.code)}`);
    expect(await byCode.json()).toEqual(listed);
    const unknown = await api('/pa/dossier/0123456789abcdef01234567/--online');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { status: number }).status).toBe(404);
    expect((await api('/pa/dossier/--by-code?code=000.00.00.H56-000000-0000')).status).toBe(404);
  });

  test('serves every dossier as the canonical one, dates in +0700 and names by languageId', async () => {
    const served = new Map((await searchAll('', 200)).map((dossier) => [dossier.code as string, dossier]));
    const ids = new Set<string>();
    let englishFirst = 0;
    for (const canonical of sim.dossiers) {
      const d = served.get(canonical.code) as Record<string, any>;
      expect(d.id).toMatch(/^[0-9a-f]{24}$/);
      ids.add(d.id);
      expect(d.procedure.code).toBe(canonical.procedureCode);
      expect(vi(d.procedure.translate)).toBe(canonical.procedureName);
      if (d.procedure.translate[0].languageId === 46) englishFirst += 1;
      expect(d.procedure.sector.code).toBe(canonical.sectorCode);
      expect(d.applicant.data.fullname).toBe(canonical.applicant.fullName);
      expect(d.applicant.data.identityNumber).toBe(canonical.applicant.identityNumber);
      expect(d.applicant.data.phoneNumber.replace(/^\+84/, '0')).toBe(canonical.applicant.phone);
      expect(d.applicant.data.email || null).toBe(canonical.applicant.email);
      expect(d.applicant.data.village.label.toLowerCase()).toBe(canonical.applicant.address.commune.toLowerCase());
      expect(d.agency.code).toBe(canonical.agencyCode);
      expect(vi(d.agency.name)).toBe(canonical.agencyName);
      expect(d.agency.ancestors[0].code).toBe('000.00.00.H56');
      expect(d.agencyLevel.code).toBe({ 1: 'TINH', 2: 'QUANHUYEN', 3: 'XAPHUONG' }[canonical.agencyLevel]);
      expect(d.procedureProcessDefinition).toMatchObject({ processingTime: canonical.processingDays, processingTimeUnit: 'd' });
      expect(d.accepter?.fullname ?? null).toBe(canonical.accepter);
      expect(IGATE_STATUS_TABLE[String(d.dossierStatus)]).toBe(canonical.awaitingExtension ? undefined : canonical.status);
      for (const [field, iso] of [['appliedDate', canonical.submittedAt], ['acceptedDate', canonical.receivedAt], ['appointmentDate', canonical.appointmentAt], ['completedDate', canonical.finishedAt], ['returnedDate', canonical.returnedAt], ['updatedDate', canonical.updatedAt]] as const) {
        expect(d[field] === undefined ? null : parseIgate(d[field])).toBe(instant(iso));
      }
      expect(d.task).toHaveLength(canonical.steps.length);
      d.task.forEach((task: Record<string, any>, index: number) => {
        const step = canonical.steps[index];
        expect([task.assignee.fullname, vi(task.name), vi(task.candidateGroup[0].name), task.assignee.position.name]).toEqual([step?.handler, step?.content, step?.department, step?.position]);
        expect(parseIgate(task.createdDate)).toBe(instant(step?.start ?? null));
        expect(task.completedDate === undefined ? null : parseIgate(task.completedDate)).toBe(instant(step?.end ?? null));
      });
      expect(d.dossierFee.map((fee: Record<string, any>) => [fee.procedureFee.code, fee.amount])).toEqual(canonical.fees.map((fee) => [fee.code, fee.amount]));
      expect(d.dossierFormFile.map((form: Record<string, any>) => [form.procedureForm.code, form.procedureForm.name, form.file[0].filename, form.file[0].url])).toEqual(canonical.submittedPapers.map((paper) => [paper.code, paper.name, paper.fileName, paper.url]));
      expect(d.attachment.map((file: Record<string, any>) => [file.code, file.name, file.filename, file.url])).toEqual(canonical.resultPapers.map((paper) => [paper.code, paper.name, paper.fileName, paper.url]));
    }
    expect(ids.size).toBe(COUNT);
    expect(englishFirst).toBeGreaterThan(0);
  });

  test('counts token, search and get calls under their operation names', async () => {
    sim.resetStats();
    await login();
    await search('size=1');
    await api(`/pa/dossier/--by-code?code=${encodeURIComponent(sim.dossiers[0]?.code as string)}`);
    await api('/pa/dossier/0123456789abcdef01234567/--online');
    expect(sim.stats.byOperation).toEqual({ token: 1, search: 1, getByCode: 1, get: 1 });
  });
});
