import Fastify, { type FastifyInstance } from 'fastify';
import type { AuditRecord } from '../../audit';
import { createPrinting, lookupSecretOf } from '../../printing';
import { dossierStatusLookup, registerPublicLookupRoute, type PublicDossierStatus } from '../public-lookup-route';

const key = Buffer.alloc(32, 5);
const code = '000.00.06.H41-240315-0001';
const secret = lookupSecretOf(code, key);
const printing = createPrinting({ procedurePageUrl: 'https://x/{code}', publicBaseUrl: 'https://x', lookupKey: key, fontFile: () => null });

describe('the public status lookup', () => {
  let app: FastifyInstance;
  let base: string;
  let audit: AuditRecord[];
  let lookups: string[];
  const dossiers = new Map<string, PublicDossierStatus>([[code, { status: 4, appointmentAt: '2024-03-19T17:00:00.000Z', agencyName: 'UBND xã Thanh Thái' }]]);

  beforeEach(async () => {
    audit = [];
    lookups = [];
    // Behind a proxy, as in production: the client's address comes from X-Forwarded-For.
    app = Fastify({ trustProxy: true });
    registerPublicLookupRoute(app, {
      lookup: async (c) => (lookups.push(c), dossiers.get(c) ?? null),
      printing,
      audit: { record: (entry) => audit.push(entry) },
      rateLimit: { perMinute: 6, burst: 3, maxClients: 100 },
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterEach(() => app.close());

  const get = async (url: string, accept = 'application/json', ip = '203.0.113.7') => {
    const res = await fetch(base + url, { headers: { accept, 'x-forwarded-for': ip } });
    const body = await res.text();
    return { statusCode: res.status, headers: Object.fromEntries(res.headers), body, json: () => JSON.parse(body) as unknown };
  };

  it('answers the status, the appointment day and the agency for the code and its secret, and nothing else', async () => {
    const res = await get(`/tra-cuu/${code}?k=${secret}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dossierCode: code, status: { code: 4, label: 'Đang xử lý' }, appointmentDate: '20/03/2024', agencyName: 'UBND xã Thanh Thái' });
    expect(res.headers).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  });

  it('answers a citizen\'s browser with an HTML page in Vietnamese', async () => {
    const res = await get(`/tra-cuu/${code}?k=${secret}`, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<dt>Trạng thái</dt><dd>Đang xử lý</dd>');
    expect(res.body).toContain('<dt>Ngày hẹn trả kết quả</dt><dd>20/03/2024</dd>');
    expect(res.body).toContain('<dt>Cơ quan giải quyết</dt><dd>UBND xã Thanh Thái</dd>');
  });

  it('answers a wrong or missing secret exactly as an unknown code, and never reads the dossier for it', async () => {
    const unknownCode = '000.00.06.H41-240315-0099';
    const unknown = await get(`/tra-cuu/${unknownCode}?k=${lookupSecretOf(unknownCode, key)}`);
    expect(lookups).toEqual([unknownCode]);
    lookups.length = 0;
    // From several addresses, so the rate limit stays out of this.
    const answers = await Promise.all([
      get(`/tra-cuu/${code}?k=${secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`, 'application/json', '192.0.2.1'),
      get(`/tra-cuu/${code}`, 'application/json', '192.0.2.2'),
      get(`/tra-cuu/${code}?k=`, 'application/json', '192.0.2.3'),
      get(`/tra-cuu/${code}?k=${lookupSecretOf(code, Buffer.alloc(32, 6))}`, 'application/json', '192.0.2.4'),
    ]);
    for (const res of [unknown, ...answers]) {
      expect({ status: res.statusCode, body: res.body }).toEqual({ status: 404, body: unknown.body });
    }
    expect(unknown.json()).toEqual({ errors: [{ message: 'Không tìm thấy hồ sơ với mã và mã bảo mật này', extensions: { code: 'NOT_FOUND' } }] });
    expect(lookups).toEqual([]);
  });

  it('answers a malformed code as an unknown one', async () => {
    const res = await get(`/tra-cuu/${encodeURIComponent("' OR 1=1 --")}?k=${secret}`);
    expect(res.statusCode).toBe(404);
    expect(lookups).toEqual([]);
  });

  it('limits each client address, answering 429 RATE_LIMITED with Retry-After, and leaves other addresses alone', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(`/tra-cuu/${code}?k=wrong-${i}`)).statusCode);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const limited = await get(`/tra-cuu/${code}?k=${secret}`);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('10');
    expect(limited.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    expect((await get(`/tra-cuu/${code}?k=${secret}`, 'application/json', '198.51.100.2')).statusCode).toBe(200);
  });

  it('audits every request, answered or refused, under the agency the code names', async () => {
    await get(`/tra-cuu/${code}?k=${secret}`);
    await get(`/tra-cuu/${code}?k=wrong`);
    expect(audit.map((e) => [e.access, e.operationName, e.outcome, e.errorCodes, e.agencyCode, e.clientIp, e.subject, e.documentHash])).toEqual([
      ['lookup', code, 'success', [], '000.00.06.H41', '203.0.113.7', null, null],
      ['lookup', code, 'rejected', ['NOT_FOUND'], '000.00.06.H41', '203.0.113.7', null, null],
    ]);
    expect(audit[0]!.records).toEqual({ PublicDossierStatus: 1 });
  });
});

describe('dossierStatusLookup', () => {
  it('reads one dossier by code and keeps only its status, appointment and agency name', async () => {
    const record = { code, status: { code: 9, vendorCode: '6' }, appointmentAt: '2024-03-20T16:00:00+07:00', agencyName: 'UBND xã Thanh Thái', applicant: { name: 'Nguyễn Văn An', idNumber: '040090001234', phone: '0912345678' } };
    const asked: string[] = [];
    const lookup = dossierStatusLookup({ get: async (c) => (asked.push(c), c === code ? ({ record } as never) : null) });
    await expect(lookup(code)).resolves.toEqual({ status: 9, appointmentAt: '2024-03-20T16:00:00+07:00', agencyName: 'UBND xã Thanh Thái' });
    await expect(lookup('000.00.06.H41-240315-0002')).resolves.toBeNull();
    expect(asked).toEqual([code, '000.00.06.H41-240315-0002']);
  });
});
