import { GatewayError } from '../../../src/errors';
import { parseJsonBody, readCount, readList, readObject, type HttpResponse } from '../../kit';
import type { MotcuaOptions } from '../config';
import { mapPortalDossier } from '../map-portal-dossier';
import type { DossierPage, OneStopVendor, VendorContext } from '../vendor';
import { assertVendorHttpOk } from '../assert-vendor-http-ok';
import { formatCompactDay } from '../format-compact-day';

/** The motcua dialect's largest page; a larger `soLuong` is cut by the server. */
const MAX_PAGE_SIZE = 100;

/**
 * The "motcua" dialect (docs/sources.md §2): in-house systems built to the national sync
 * format. HTTP Basic auth; `GET /api/hoso?tuNgay=yyyyMMdd&denNgay=yyyyMMdd&trang=1&soLuong=`
 * answers `{"TongSo":"…","DanhSach":[…]}` (1-based pages, dates inclusive);
 * `GET /api/hoso/{MaHoSo}` answers `{"HoSo":{…}}` with its steps in `QuaTrinhXuLy`.
 */
export function createMotcuaVendor(options: MotcuaOptions, { source, http, mapStatus }: VendorContext): OneStopVendor {
  const authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;

  async function get(path: string, query?: Record<string, string | number>): Promise<HttpResponse> {
    return http.request({ method: 'GET', path, query, headers: { authorization, accept: 'application/json' } });
  }

  return {
    maxPageSize: MAX_PAGE_SIZE,
    listings: { pending: false, updated: false, statusCodesPerCall: 20 },
    async listPage(listing, page, size): Promise<DossierPage> {
      if (listing.kind === 'pending' || listing.kind === 'updated') throw new Error(`${source}: the motcua dialect has no ${listing.kind} listing`);
      // denNgay is inclusive: the last day of the window is the day before `to`. A status listing has no window.
      const filter: Record<string, string> =
        listing.kind === 'received'
          ? { tuNgay: formatCompactDay(listing.from), denNgay: formatCompactDay(new Date(listing.to.getTime() - 1)) }
          : { trangThai: listing.vendorCodes.join(',') };
      const res = await get('/api/hoso', { ...filter, trang: page + 1, soLuong: size });
      assertVendorHttpOk(res, source);
      const body = readObject(parseJsonBody(res, source));
      const total = readCount(body.TongSo);
      // A page of one may come as the lone object, and an empty listing's list as null or nothing at all.
      const list = body.DanhSach;
      const listed = (typeof list === 'object' && list !== null) || (total === 0 && (list === null || list === undefined));
      if (total === null || !listed) {
        throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered a listing without TongSo and DanhSach`, { source });
      }
      const items = readList(body.DanhSach).map((raw) => mapPortalDossier(raw, source, mapStatus)).filter((d) => d !== null);
      return { items, total };
    },
    async getDossier(code) {
      const res = await get(`/api/hoso/${encodeURIComponent(code)}`);
      if (res.status === 404) return null;
      assertVendorHttpOk(res, source);
      return mapPortalDossier(readObject(parseJsonBody(res, source)).HoSo, source, mapStatus);
    },
    async probe() {
      const today = formatCompactDay(new Date());
      const res = await get('/api/hoso', { tuNgay: today, denNgay: today, trang: 1, soLuong: 1 });
      assertVendorHttpOk(res, source);
      parseJsonBody(res, source);
    },
  };
}
