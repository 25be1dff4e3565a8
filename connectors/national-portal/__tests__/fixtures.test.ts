import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSimServer, type SimServer } from '../../../simulators/kit';
import { createNationalPortalConnector, isPermanentPushFailure, type NationalPortalConnector } from '..';
import { foldVietnamese, isAlreadyExistsMessage, isDossierNotFoundMessage, normaliseErrorCode } from '../read-portal-answer';
import { sampleDossier } from './sample-dossier';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const CODE = '000.00.20.H56-240315-0001';
const push = { dossier: sampleDossier(), nationalProcedureCode: '1.001612' };
const OK = 'ok-error-code-00.json';

/**
 * A portal that answers from recorded files, in the order a test scripts them per
 * service (`login` for /login). Unlike the simulator, it sends exactly the mess real
 * portals send: codes as strings, "00", messages under another key, a byte-order mark,
 * an HTML page or nothing behind HTTP 200.
 */
async function startReplay(script: Record<string, string[]>): Promise<SimServer & { calls: string[] }> {
  const calls: string[] = [];
  const server = await startSimServer({
    name: 'portal-replay',
    handler: (req) => {
      const body = req.path === '/login' ? { service: 'login' } : (JSON.parse(req.text()) as { service: string });
      const service = body.service;
      calls.push(service);
      const file = script[service]?.shift() ?? (service === 'login' ? 'login-with-bom.json' : undefined);
      if (file === undefined) return { status: 500, body: `nothing scripted for ${service}` };
      const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
      return { status: 200, headers: { 'content-type': type }, body: readFileSync(path.join(FIXTURES, file)) };
    },
  });
  return Object.assign(server, { calls });
}

describe('national portal connector on recorded answers', () => {
  let replay: SimServer & { calls: string[] };
  let connector: NationalPortalConnector;
  const run = async (script: Record<string, string[]>) => {
    replay = await startReplay(script);
    connector = createNationalPortalConnector({ url: replay.url, username: 'u', password: 'p', dstcode: 'VN:GOV:000.00.00.G22:dvcqg', timeoutMs: 2000 });
  };
  afterEach(async () => {
    await connector.close();
    await replay.close();
  });

  it('logs in through a byte-order mark and reads "00" as success', async () => {
    await run({ TraCuuHoSo: ['tra-cuu-result-null.json'], DongBoHoSoMC: [OK], CapNhatTienDoHoSoMC: [OK] });
    await expect(connector.pushDossier(push)).resolves.toMatchObject({ outcome: 'created', stepsPushed: 3 });
    expect(replay.calls).toEqual(['login', 'TraCuuHoSo', 'DongBoHoSoMC', 'CapNhatTienDoHoSoMC']);
  });

  it.each([
    ['its code as the string "-3"', 'dong-bo-exists-code-as-string.json'],
    ['"ĐÃ TỒN TẠI" in capitals under the key "message"', 'dong-bo-exists-capitals-message-key.json'],
    ['"da ton tai" without diacritics and an unknown code', 'dong-bo-exists-without-diacritics.json'],
  ])('retries a create answered "already exists" with %s as an update', async (_case, file) => {
    await run({ DongBoHoSoMC: [file, OK] });
    await expect(connector.pushDossier({ ...push, knownToPortal: false, dossier: sampleDossier({ steps: [] }) })).resolves.toMatchObject({ outcome: 'updated' });
    expect(replay.calls).toEqual(['login', 'DongBoHoSoMC', 'DongBoHoSoMC']);
  });

  it('does not take "không tồn tại" (does not exist) for "đã tồn tại" (already exists)', async () => {
    await run({ DongBoHoSoMC: ['dong-bo-does-not-exist.json'] });
    const err = await connector.pushDossier({ ...push, knownToPortal: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UPSTREAM_ERROR', extensions: { upstreamCode: '5', upstreamMessage: 'Hồ sơ không tồn tại' } });
    expect(replay.calls).toEqual(['login', 'DongBoHoSoMC']);
  });

  it('falls back once and stops when the portal says "exists" to the create and "does not exist" to the update', async () => {
    await run({ DongBoHoSoMC: ['dong-bo-exists-code-as-string.json', 'dong-bo-not-found.json', OK, OK] });
    const err = await connector.pushDossier({ ...push, knownToPortal: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UPSTREAM_ERROR', extensions: { upstreamCode: '-4' } });
    expect(isPermanentPushFailure(err)).toBe(false);
    expect(replay.calls).toEqual(['login', 'DongBoHoSoMC', 'DongBoHoSoMC']);
  });

  it('reads a look-up answered with one object, with an error saying "không tìm thấy hồ sơ", and with another dossier', async () => {
    await run({ TraCuuHoSo: ['tra-cuu-found-as-object.json', 'tra-cuu-not-found-as-error.json', 'tra-cuu-other-dossier.json'] });
    await expect(connector.hasDossier(CODE)).resolves.toBe(true);
    await expect(connector.hasDossier(CODE)).resolves.toBe(false);
    // A portal that searches by prefix answers 000.00.20.H56-240315-00011 too; that is another dossier.
    await expect(connector.hasDossier(CODE)).resolves.toBe(false);
  });

  it('reads a refusal whose code is the string "10" as a permanent refusal with the portal’s message', async () => {
    await run({ TraCuuHoSo: ['tra-cuu-result-null.json'], DongBoHoSoMC: ['dong-bo-rejected-code-as-string.json'] });
    const err = await connector.pushDossier(push).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UPSTREAM_REJECTED', extensions: { source: 'national-portal', upstreamCode: '10', upstreamMessage: 'Thiếu thông tin bắt buộc: TenLinhVuc' } });
    expect(isPermanentPushFailure(err)).toBe(true);
  });

  it('reads an unknown code as a failure worth retrying, and says the dossier was written when only its steps failed', async () => {
    await run({ TraCuuHoSo: ['tra-cuu-result-null.json'], DongBoHoSoMC: [OK], CapNhatTienDoHoSoMC: ['unknown-error-code.json'] });
    const err = await connector.pushDossier(push).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UPSTREAM_ERROR', extensions: { upstreamCode: '-9', upstreamMessage: 'Lỗi hệ thống, vui lòng thử lại sau', dossierWritten: 'created' } });
    expect(isPermanentPushFailure(err)).toBe(false);
  });

  it.each([
    ['an HTML error page behind HTTP 200', 'html-error-page.html', /not JSON: "<!DOCTYPE html>/],
    ['an empty body', 'empty-body.txt', /not JSON: ""/],
    ['JSON without an error_code', 'no-error-code.json', /without an error_code/],
  ])('reports %s as UPSTREAM_BAD_RESPONSE', async (_case, file, message) => {
    await run({ TraCuuHoSo: [file] });
    const err = await connector.pushDossier(push).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', extensions: { source: 'national-portal' } });
    expect((err as Error).message).toMatch(message);
    expect(isPermanentPushFailure(err)).toBe(false);
  });
});

describe('reading the portal’s answers', () => {
  it('normalises error codes written as numbers, padded or signed strings', () => {
    expect([0, '0', '00', ' 0 ', -3, '-3', '+3', '03', 'ERR'].map(normaliseErrorCode)).toEqual(['0', '0', '0', '0', '-3', '-3', '3', '3', 'ERR']);
  });

  it('recognises "đã tồn tại" however it is typed, and never "không tồn tại"', () => {
    expect(foldVietnamese('  Hồ Sơ   ĐÃ TỒN TẠI ')).toBe('ho so da ton tai');
    for (const yes of ['Hồ sơ đã tồn tại', 'MÃ HỒ SƠ ĐÃ TỒN TẠI', 'ho so da ton tai', 'Hồ sơ đã tồn tại.']) expect(isAlreadyExistsMessage(yes)).toBe(true);
    for (const no of ['Hồ sơ không tồn tại', 'Hồ sơ chưa tồn tại', 'Ho so khong ton tai', null]) expect(isAlreadyExistsMessage(no)).toBe(false);
    expect(isDossierNotFoundMessage('Hồ sơ 000.00.20.H56-240315-0001 không tồn tại trên Cổng DVCQG')).toBe(true);
    expect(isDossierNotFoundMessage('Không tìm thấy hồ sơ')).toBe(true);
    expect(isDossierNotFoundMessage('Mã thủ tục hành chính 9.999999 không tồn tại')).toBe(false);
  });
});
