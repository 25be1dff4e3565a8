import { Pool } from 'undici';
import { readAmount, readDate, readList, readNumber, readObject, readText } from '../../connectors/kit';
import { levelOfAgencyCode, parseAdministrativeLevel } from '../../src/domain';
import type { BaselineOptions } from './baseline-options';
import type { CatalogueCopy } from './open-store-reader';

const CHANNELS: Record<string, string> = { '1': 'IN_PERSON', '2': 'ONLINE', '3': 'POSTAL' };

/**
 * The procedure detail by hand: one `LayThuTuc` call to the national database's adapter
 * (after one login, shared), its record mapped to the fields the page shows, agencies and
 * sectors named from the catalogue copy.
 */
export function createProcedureDetail({ national }: BaselineOptions, catalogue: CatalogueCopy) {
  const pool = new Pool(national.url, { connections: 16, keepAliveTimeout: 60_000 });
  let session: Promise<string> | null = null;
  let calls = 0;

  async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
    calls += 1;
    const res = await pool.request({ method: 'POST', path, headers: { 'content-type': 'application/json', dstcode: national.dstcode }, body: JSON.stringify(body) });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${path} answered ${res.statusCode}`);
    return JSON.parse(text) as Record<string, unknown>;
  }

  function login(): Promise<string> {
    session ??= post('/login', { username: national.username, password: national.password }).then((body) => String(body.session));
    return session;
  }

  async function read(code: string): Promise<Record<string, unknown> | null> {
    for (let attempt = 0; ; attempt++) {
      const token = await login();
      const body = await post('/integration', { session: token, madonvi: national.madonvi, service: 'LayThuTuc', maTTHC: code });
      if (String(body.error_code) === '0') return (readList(body.result)[0] as Record<string, unknown> | undefined) ?? null;
      if (String(body.error_code) === '401' && attempt === 0) {
        session = null;
        continue;
      }
      throw new Error(`LayThuTuc ${code}: error_code ${String(body.error_code)}`);
    }
  }

  const agencies = (value: unknown) => {
    const seen = new Set<string>();
    return readList(value).flatMap((item) => {
      const o = readObject(item);
      const code = readText(o.MADONVI);
      if (code === null || seen.has(code)) return [];
      seen.add(code);
      const known = catalogue.agencies.get(code);
      return [{ code, name: known?.name ?? readText(o.TENDONVI), level: known ? known.level : levelOfAgencyCode(code) }];
    });
  };

  return {
    get upstreamCalls() {
      return calls;
    },
    async detail(code: string): Promise<unknown> {
      const r = await read(code);
      if (r === null || readText(r.MATTHC) === null) return { data: { procedure: null } };
      const seenSectors = new Set<string>();
      const sectors = readList(r.LINHVUCTHUCHIEN).flatMap((item) => {
        const o = readObject(item);
        const sector = readText(o.MALINHVUC);
        if (sector === null || seenSectors.has(sector)) return [];
        seenSectors.add(sector);
        return [{ code: sector, name: catalogue.sectors.get(sector)?.name ?? readText(o.TENLINHVUC) }];
      });
      const levels = [...new Set(readList(r.CAPTHUCHIEN).map((item) => parseAdministrativeLevel(readObject(item).CAPTHUCHIEN)).filter((level) => level !== null))];
      return {
        data: {
          procedure: {
            code: readText(r.MATTHC),
            name: readText(r.TENTTHC) ?? readText(r.MATTHC),
            levels,
            published: readText(r.TRANGTHAI) === '1',
            sectors,
            channels: readList(r.CACHTHUCTHUCHIEN).map((item) => {
              const c = readObject(item);
              const channel = readText(c.KENH);
              return {
                channel: channel === null ? null : (CHANNELS[channel] ?? null),
                timeLimits: readList(c.THOIGIAN).map((t) => {
                  const tl = readObject(t);
                  return { duration: readNumber(tl.THOIGIANGIAIQUYET), unit: readText(tl.DONVITINH), fees: readList(tl.PHILEPHI).map((f) => ({ amount: readAmount(readObject(f).SOTIEN), currency: readText(readObject(f).DONVI) })) };
                }),
              };
            }),
            requiredPapers: readList(r.THANHPHANHOSO).map((item) => {
              const c = readObject(item);
              return { case: readText(c.TRUONGHOP), papers: readList(c.GIAYTO).map((p) => ({ name: readText(readObject(p).TENGIAYTO), originals: readNumber(readObject(p).SOBANCHINH), copies: readNumber(readObject(p).SOBANSAO) })) };
            }),
            implementingAgencies: agencies(r.COQUANTHUCHIEN),
            legalBasis: readList(r.CANCUPHAPLY).map((item) => {
              const l = readObject(item);
              return { number: readText(l.SOVANBAN), title: readText(l.TENVANBAN), issuedOn: readDate(l.NGAYBANHANH) };
            }),
          },
        },
      };
    },
    close: () => pool.close(),
  };
}
