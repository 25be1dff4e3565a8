import type { SimHandler, SimRequest, SimResponse } from '../../kit';
import { isAgencyCode } from '../agency-code';
import type { DossierStore } from '../dossier-store';
import { nationalStatusFilter } from '../national-status-filter';
import type { Dossier, NationalStatus } from '../types';
import { compactOfIso, DAY_MS, parseVnDay } from '../vn-time';
import { jsonAnswer } from './json-answer';
import { toPortalRecord, toPortalSteps, type PortalDateFormat, type PortalRecord, type PortalStep } from './portal-record';

/** motcua speaks the national codes: "1"…"10" are the national table itself. */
export const MOTCUA_STATUS_TABLE: Readonly<Record<string, NationalStatus>> = {
  '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9, '10': 10,
};

/** Largest page served; a larger `soLuong` is cut to this without notice (our reading). */
export const MOTCUA_MAX_PAGE_SIZE = 100;

export interface MotcuaHandlerOptions {
  store: DossierStore;
  username: string;
  password: string;
  /** Records one request against a protocol operation. */
  count(operation: string): void;
}

/** A motcua dossier: the portal record plus its processing steps. */
export type MotcuaDossier = PortalRecord & { QuaTrinhXuLy: PortalStep[] };

const compact: PortalDateFormat = (iso) => (iso === null ? '' : compactOfIso(iso));

/**
 * The "motcua" dialect (docs/sources.md §2): flat JSON under the national portal's keys,
 * every value a string, dates `yyyyMMddHHmmss` Vietnam time, HTTP Basic auth.
 * `GET /api/hoso` lists (operation `list`), `GET /api/hoso/{MaHoSo}` reads one (`get`).
 */
export function createMotcuaHandler({ store, username, password, count }: MotcuaHandlerOptions): SimHandler {
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  return (req) => {
    const operation = req.path === '/api/hoso' ? 'list' : req.path.startsWith('/api/hoso/') ? 'get' : 'unknown';
    count(operation);
    if (operation === 'unknown') return error(404, `Không tìm thấy đường dẫn ${req.path}`);
    if (req.method !== 'GET') return error(405, `Phương thức ${req.method} không được hỗ trợ`);
    if (req.headers.authorization !== expected) {
      return jsonAnswer(401, { MaLoi: '401', ThongBao: 'Sai thông tin xác thực' }, { 'www-authenticate': 'Basic realm="motcua"' });
    }
    return operation === 'list' ? list(req, store) : get(req, store);
  };
}

function list(req: SimRequest, store: DossierStore): SimResponse {
  const from = dayParam(req, 'tuNgay');
  const to = dayParam(req, 'denNgay');
  if (from === 'invalid') return error(400, `Tham số tuNgay không đúng định dạng yyyyMMdd: ${req.query.get('tuNgay')}`);
  if (to === 'invalid') return error(400, `Tham số denNgay không đúng định dạng yyyyMMdd: ${req.query.get('denNgay')}`);
  if (from !== null && to !== null && from > to) return error(400, 'Tham số tuNgay phải nhỏ hơn hoặc bằng denNgay');
  const page = positiveParam(req, 'trang', 1);
  const requestedSize = positiveParam(req, 'soLuong', 20);
  if (page === null) return error(400, `Tham số trang phải là số nguyên dương: ${req.query.get('trang')}`);
  if (requestedSize === null) return error(400, `Tham số soLuong phải là số nguyên dương: ${req.query.get('soLuong')}`);
  const agency = req.query.get('maDonVi');
  if (agency !== null && agency !== '' && !isAgencyCode(agency)) return error(400, `Mã đơn vị không hợp lệ: ${agency}`);
  const statusText = req.query.get('trangThai');
  const statuses = statusText ? statusText.split(',').map((part) => part.trim()) : [];
  if (statuses.some((part) => MOTCUA_STATUS_TABLE[part] === undefined)) return error(400, `Tham số trangThai không hợp lệ: ${statusText} (mã trạng thái 1–10, cách nhau bởi dấu phẩy)`);

  const size = Math.min(requestedSize, MOTCUA_MAX_PAGE_SIZE);
  const listing = store.list({
    ...(from !== null || to !== null ? { listed: { from, to: to === null ? null : to + DAY_MS } } : {}),
    ...(statuses.length > 0 ? { status: nationalStatusFilter('motcua', statuses.map((code) => MOTCUA_STATUS_TABLE[code] as NationalStatus)) } : {}),
    ...(agency ? { agency } : {}),
  });
  const slice = listing.page((page - 1) * size, size);
  return jsonAnswer(200, { TongSo: String(listing.total), DanhSach: slice.map((index) => toMotcuaDossier(store.dossier(index))) });
}

function get(req: SimRequest, store: DossierStore): SimResponse {
  let code: string;
  try {
    code = decodeURIComponent(req.path.slice('/api/hoso/'.length));
  } catch {
    code = req.path.slice('/api/hoso/'.length);
  }
  const index = store.indexOfCode(code);
  if (index === null) return error(404, `Không tìm thấy hồ sơ có mã ${code}`);
  return jsonAnswer(200, { HoSo: toMotcuaDossier(store.dossier(index)) });
}

function toMotcuaDossier(dossier: Dossier): MotcuaDossier {
  return { ...toPortalRecord(dossier, compact), QuaTrinhXuLy: toPortalSteps(dossier, compact) };
}

/** Start of the named `yyyyMMdd` day, null when absent, 'invalid' when malformed. */
function dayParam(req: SimRequest, name: string): number | null | 'invalid' {
  const value = req.query.get(name);
  if (value === null || value === '') return null;
  return parseVnDay(value, ['compact']) ?? 'invalid';
}

function positiveParam(req: SimRequest, name: string, fallback: number): number | null {
  const value = req.query.get(name);
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : null;
}

function error(status: number, message: string): SimResponse {
  return jsonAnswer(status, { MaLoi: String(status), ThongBao: message });
}
