import type { SimHandler, SimResponse } from '../../kit';
import { isAgencyCode } from '../agency-code';
import type { DossierStore } from '../dossier-store';
import { nationalStatusFilter } from '../national-status-filter';
import { hashString } from '../object-id';
import type { Dossier, NationalStatus } from '../types';
import { compactOfIso, DAY_MS, parseVnDay, slashOfIso } from '../vn-time';
import { MOTCUA_STATUS_TABLE } from './motcua';
import { toPortalRecord, toPortalSteps, type PortalDateFormat } from './portal-record';
import { readSoapRequest, SOAP_OPERATIONS } from './soap-request';
import { writeFault, writeResponse, type ResponseStyle, type XmlElement } from './soap-xml';

/** The soap dialect carries national codes as motcua does: "1"…"10". */
export const SOAP_STATUS_TABLE: Readonly<Record<string, NationalStatus>> = { ...MOTCUA_STATUS_TABLE };

export const SOAP_PATH = '/HoSoService.asmx';
/** Pages above this size time out in the service's database (a soap:Server fault). */
export const SOAP_MAX_PAGE_SIZE = 500;

export interface SoapHandlerOptions {
  store: DossierStore;
  username: string;
  password: string;
  count(operation: string): void;
}

/** Item element names of the lists inside a dossier. */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  DinhDanhCHS: 'DinhDanh',
  TaiLieuNop: 'TepDinhKem',
  DanhSachLePhi: 'LePhi',
  DanhSachGiayToKetQua: 'GiayToKetQua',
  QuaTrinhXuLy: 'BuocXuLy',
};

const XML_HEADERS = { 'content-type': 'text/xml; charset=utf-8' };

/**
 * The "soap" dialect (our reading of older district systems): SOAP 1.1 at SOAP_PATH,
 * operations LayDanhSachHoSo, LayHoSo, LayTienDoXuLy chosen by `SOAPAction`, credentials
 * in an `AuthHeader` SOAP header, dossiers as elements named like motcua's keys, faults
 * as HTTP 500 `soap:Fault`. Answers vary deterministically in the ways real services do
 * (see soap-xml.ts; per dossier: `dd/MM/yyyy HH:mm:ss` dates in one in five, CDATA
 * summaries in one in four, the way empty elements are written).
 */
export function createSoapHandler({ store, username, password, count }: SoapHandlerOptions): SimHandler {
  return (req) => {
    if (req.path !== SOAP_PATH) {
      count('unknown');
      return { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body><h2>Server Error in \'/\' Application.</h2><p>The resource cannot be found.</p></body></html>' };
    }
    if (req.method === 'GET') {
      count('help');
      const items = SOAP_OPERATIONS.map((operation) => `<li>${operation}</li>`).join('');
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<html><body><h1>HoSoService</h1><ul>${items}</ul></body></html>` };
    }
    const reading = readSoapRequest(req.text(), req.headers.soapaction);
    count(reading.operation ?? 'unknown');
    if (!reading.ok) return fault('Client', reading.message);
    if (!reading.auth || reading.auth.username !== username || reading.auth.password !== password) {
      return fault('Client', 'Xác thực không thành công: sai tên đăng nhập hoặc mật khẩu.', 'XAC_THUC_THAT_BAI');
    }
    const { operation, params } = reading;
    const style = responseStyle(`${operation}|${JSON.stringify(Object.entries(params).sort())}`);

    if (operation === 'LayDanhSachHoSo') {
      const from = dayParam(params, 'tuNgay');
      const to = dayParam(params, 'denNgay');
      if (typeof from === 'string') return fault('Client', from, 'THAM_SO_KHONG_HOP_LE');
      if (typeof to === 'string') return fault('Client', to, 'THAM_SO_KHONG_HOP_LE');
      if (from > to) return fault('Client', 'Tham số tuNgay phải nhỏ hơn hoặc bằng denNgay.', 'THAM_SO_KHONG_HOP_LE');
      const page = positive(params.trang, 1);
      const size = positive(params.soLuong, 20);
      if (page === null) return fault('Client', `Tham số trang không hợp lệ: ${params.trang}.`, 'THAM_SO_KHONG_HOP_LE');
      if (size === null) return fault('Client', `Tham số soLuong không hợp lệ: ${params.soLuong}.`, 'THAM_SO_KHONG_HOP_LE');
      const agency = params.maDonVi ?? '';
      if (agency !== '' && !isAgencyCode(agency)) return fault('Client', `Mã đơn vị không hợp lệ: ${agency}.`, 'THAM_SO_KHONG_HOP_LE');
      if (size > SOAP_MAX_PAGE_SIZE) {
        return fault('Server', 'Lỗi truy vấn dữ liệu: Timeout expired. The timeout period elapsed prior to completion of the operation or the server is not responding.', 'LOI_HE_THONG');
      }
      const statusText = params.trangThai?.trim() ?? '';
      const status = statusText === '' ? undefined : SOAP_STATUS_TABLE[statusText];
      if (statusText !== '' && status === undefined) {
        return fault('Client', `Tham số trangThai không hợp lệ: ${statusText} (một mã trạng thái 1–10).`, 'THAM_SO_KHONG_HOP_LE');
      }
      const listing = store.list({
        listed: { from, to: to + DAY_MS },
        ...(status !== undefined ? { status: nationalStatusFilter('soap', [status]) } : {}),
        ...(agency !== '' ? { agency } : {}),
      });
      const list = listing.page((page - 1) * size, size).map((index) => dossierElement(store.dossier(index)));
      return answer(operation, [
        { name: 'TongSo', text: String(listing.total) },
        { name: 'Trang', text: String(page) },
        { name: 'SoLuong', text: String(size) },
        { name: 'DanhSachHoSo', children: list },
      ], style);
    }

    const code = params.maHoSo?.trim() ?? '';
    if (code === '') return fault('Client', 'Thiếu tham số maHoSo.', 'THAM_SO_KHONG_HOP_LE');
    const index = store.indexOfCode(code);
    if (index === null) return fault('Client', `Không tìm thấy hồ sơ có mã số ${code}.`, 'HOSO_KHONG_TON_TAI');
    const dossier = store.dossier(index);
    if (operation === 'LayHoSo') return answer(operation, [dossierElement(dossier)], style);
    const { date, empty } = recordStyle(dossier);
    const steps = toPortalSteps(dossier, date).map((step) => element('BuocXuLy', step, empty));
    return answer(operation, [
      { name: 'MaHoSo', text: dossier.code },
      { name: 'TrangThaiHoSo', text: String(dossier.status) },
      { name: 'QuaTrinhXuLy', children: steps, empty },
    ], style);
  };
}

/** A `<HoSo>` element: the portal record's fields in order, without the steps (those come from LayTienDoXuLy). */
function dossierElement(dossier: Dossier): XmlElement {
  const { date, empty, cdata } = recordStyle(dossier);
  const hoSo = element('HoSo', toPortalRecord(dossier, date), empty);
  for (const child of hoSo.children ?? []) if (child.name === 'TrichYeuHoSo') child.cdata = cdata;
  return hoSo;
}

/** Per-dossier quirks, fixed by the code so the same dossier always looks the same. */
function recordStyle(dossier: Dossier): { date: PortalDateFormat; empty: XmlElement['empty']; cdata: boolean } {
  const hash = hashString(`soap|${dossier.code}`);
  const slash = hash % 5 === 0;
  return {
    date: (iso) => (iso === null ? '' : slash ? slashOfIso(iso) : compactOfIso(iso)),
    empty: choose(['self', 'spaced', 'pair'] as const, hash >>> 3),
    cdata: (hash >>> 6) % 4 === 0,
  };
}

function element(name: string, record: object, empty: XmlElement['empty']): XmlElement {
  const children: XmlElement[] = Object.entries(record).map(([key, value]) =>
    Array.isArray(value)
      ? { name: key, empty, children: value.map((item: object) => element(ITEM_NAMES[key] ?? 'Item', item, empty)) }
      : { name: key, text: String(value), empty },
  );
  return { name, children, empty };
}

function responseStyle(key: string): ResponseStyle {
  const hash = hashString(key);
  return {
    envelopePrefix: choose(['soap', 's', 'SOAP-ENV'] as const, hash),
    header: (hash >>> 2) % 3 === 0,
    namespace: choose(['default', 'prefixed', 'mixed'] as const, hash >>> 4),
    indent: (hash >>> 6) % 2 === 0,
  };
}

function choose<T>(options: readonly [T, ...T[]], hash: number): T {
  return options[hash % options.length] as T;
}

/** The instant the named day starts, or the fault message when it is missing or malformed. */
function dayParam(params: Record<string, string>, name: string): number | string {
  const value = params[name]?.trim();
  if (!value) return `Thiếu tham số ${name}.`;
  return parseVnDay(value, ['compact', 'iso', 'slash']) ?? `Tham số ${name} không hợp lệ: ${value} (định dạng yyyyMMdd).`;
}

function positive(value: string | undefined, fallback: number): number | null {
  if (value === undefined || value.trim() === '') return fallback;
  return /^\d+$/.test(value.trim()) && Number(value) >= 1 ? Number(value) : null;
}

function answer(operation: string, result: XmlElement[], style: ResponseStyle): SimResponse {
  return { status: 200, headers: XML_HEADERS, body: writeResponse(operation, result, style) };
}

function fault(code: 'Client' | 'Server', message: string, detailCode?: string): SimResponse {
  return { status: 500, headers: XML_HEADERS, body: writeFault(code, message, detailCode ? { code: detailCode } : undefined) };
}
