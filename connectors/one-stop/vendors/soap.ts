import { XMLParser } from 'fast-xml-parser';
import { GatewayError } from '../../../src/errors';
import { readList, readNumber, readObject, readText, type HttpResponse } from '../../kit';
import type { SoapOptions } from '../config';
import { formatCompactDay } from '../format-compact-day';
import { mapPortalDossier, mapPortalStep } from '../map-portal-dossier';
import type { OneStopVendor, VendorContext } from '../vendor';

/** Larger pages make these services time out in their own database. */
const MAX_PAGE_SIZE = 200;

/** Lists inside a dossier arrive as a wrapper element around item elements. */
const LIST_FIELDS = ['DinhDanhCHS', 'TaiLieuNop', 'DanhSachLePhi', 'DanhSachGiayToKetQua', 'QuaTrinhXuLy'] as const;

/**
 * Prefixes are dropped: the envelope comes as `soap:`, `s:` or `SOAP-ENV:` and the result
 * elements prefixed, unprefixed or mixed, while every local name is unique to its place,
 * so matching on local names is exact here. Values stay text; CDATA becomes text.
 */
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true });

/**
 * The "soap" dialect (SOURCES.md §2, our reading of ASMX-era district systems): SOAP 1.1
 * over `POST {servicePath}` with `SOAPAction`, credentials in an `AuthHeader` SOAP header,
 * operations LayDanhSachHoSo (page of dossiers without steps), LayHoSo and LayTienDoXuLy
 * (steps). Faults are HTTP 500 `soap:Fault`; a fault saying the dossier does not exist
 * is a null answer, an authentication fault UPSTREAM_AUTH_FAILED, any other
 * UPSTREAM_ERROR with the fault's code. A list of one dossier arrives as one element,
 * not an array: every list is read through readList.
 */
export function createSoapVendor(options: SoapOptions, { source, http, mapStatus }: VendorContext): OneStopVendor {
  const { servicePath = '/HoSoService.asmx', namespace = 'http://motcua.gov.vn/', username, password } = options;

  async function call(operation: string, params: Record<string, string | number>): Promise<Record<string, unknown>> {
    const body = envelope(namespace, operation, params, username, password);
    const res = await http.request({
      method: 'POST',
      path: servicePath,
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${namespace}${operation}"` },
      body,
    });
    const parsed = readEnvelope(res, source);
    const fault = readObject(parsed.Fault);
    if (parsed.Fault !== undefined) throw faultError(fault, source);
    if (res.status !== 200) throw new GatewayError('UPSTREAM_UNAVAILABLE', `${source} answered HTTP ${res.status} without a SOAP fault`, { source, upstreamCode: res.status });
    const response = readObject(parsed[`${operation}Response`]);
    if (!(`${operation}Result` in response)) {
      throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered ${operation} without ${operation}Result`, { source });
    }
    return readObject(response[`${operation}Result`]);
  }

  async function orNullWhenMissing<T>(work: Promise<T>): Promise<T | null> {
    try {
      return await work;
    } catch (err) {
      if (err instanceof GatewayError && err.extensions.upstreamCode === 'HOSO_KHONG_TON_TAI') return null;
      throw err;
    }
  }

  return {
    maxPageSize: MAX_PAGE_SIZE,
    async listPage(window, page, size) {
      const result = await call('LayDanhSachHoSo', {
        tuNgay: formatCompactDay(window.from),
        denNgay: formatCompactDay(new Date(window.to.getTime() - 1)),
        trang: page + 1,
        soLuong: size,
      });
      const total = readNumber(result.TongSo);
      if (total === null) throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered LayDanhSachHoSo without TongSo`, { source });
      const items = readList(readObject(result.DanhSachHoSo).HoSo)
        .map((raw) => mapPortalDossier(unwrapLists(raw, false), source, mapStatus))
        .filter((d) => d !== null);
      return { items, total };
    },
    async getDossier(code) {
      const dossier = await orNullWhenMissing(call('LayHoSo', { maHoSo: code }));
      if (dossier === null) return null;
      const progress = await orNullWhenMissing(call('LayTienDoXuLy', { maHoSo: code }));
      const record = mapPortalDossier(unwrapLists(dossier.HoSo, false), source, mapStatus);
      if (record && progress) record.steps = readList(readObject(progress.QuaTrinhXuLy).BuocXuLy).map(mapPortalStep);
      return record;
    },
    async getSteps(code) {
      const progress = await orNullWhenMissing(call('LayTienDoXuLy', { maHoSo: code }));
      return progress ? readList(readObject(progress.QuaTrinhXuLy).BuocXuLy).map(mapPortalStep) : [];
    },
    async probe() {
      const today = new Date();
      const result = await call('LayDanhSachHoSo', { tuNgay: formatCompactDay(today), denNgay: formatCompactDay(today), trang: 1, soLuong: 1 });
      return { dossiersToday: readNumber(result.TongSo) };
    },
  };
}

function envelope(ns: string, operation: string, params: Record<string, string | number>, username: string, password: string): string {
  const fields = Object.entries(params)
    .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<soap:Header><AuthHeader xmlns="${escapeXml(ns)}"><Username>${escapeXml(username)}</Username><Password>${escapeXml(password)}</Password></AuthHeader></soap:Header>` +
    `<soap:Body><${operation} xmlns="${escapeXml(ns)}">${fields}</${operation}></soap:Body></soap:Envelope>`
  );
}

/** The SOAP Body's children, or UPSTREAM_BAD_RESPONSE / UPSTREAM_UNAVAILABLE when there is no envelope. */
function readEnvelope(res: HttpResponse, source: string): Record<string, unknown> {
  const text = res.text();
  // A service's answer never needs a DTD; refusing one keeps entity tricks out.
  if (/<!DOCTYPE/i.test(text)) throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered XML with a DTD, which is refused`, { source });
  let document: Record<string, unknown>;
  try {
    document = readObject(parser.parse(text, true));
  } catch (err) {
    const code = res.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE';
    throw new GatewayError(code, `${source} answered HTTP ${res.status} with a body that is not XML: ${JSON.stringify(text.slice(0, 120))}`, { source, upstreamCode: res.status }, err);
  }
  const body = readObject(document.Envelope).Body;
  if (body === undefined) {
    const code = res.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE';
    throw new GatewayError(code, `${source} answered HTTP ${res.status} without a SOAP envelope`, { source, upstreamCode: res.status });
  }
  return readObject(body);
}

function faultError(fault: Record<string, unknown>, source: string): GatewayError {
  const detailCode = readText(readObject(readObject(fault.detail).ChiTietLoi).MaLoi);
  const faultCode = readText(fault.faultcode) ?? 'Server';
  const message = readText(fault.faultstring) ?? 'no faultstring';
  const upstreamCode = detailCode ?? faultCode;
  const code = detailCode === 'XAC_THUC_THAT_BAI' ? 'UPSTREAM_AUTH_FAILED' : 'UPSTREAM_ERROR';
  return new GatewayError(code, `${source} answered a SOAP fault (${faultCode}): ${message}`, { source, upstreamCode });
}

/**
 * `<TaiLieuNop><TepDinhKem>…</TepDinhKem></TaiLieuNop>` → `TaiLieuNop: [ … ]`, whatever
 * the item element is called, one item or many. `withSteps` false leaves QuaTrinhXuLy
 * absent (LayDanhSachHoSo carries no steps), so the record says steps are not read yet.
 */
function unwrapLists(raw: unknown, withSteps: boolean): Record<string, unknown> {
  const record = { ...readObject(raw) };
  for (const field of LIST_FIELDS) {
    if (!(field in record)) continue;
    const wrapper = record[field];
    const items = typeof wrapper === 'object' && wrapper !== null && !Array.isArray(wrapper) ? Object.values(wrapper).flatMap((v) => readList(v)) : [];
    record[field] = items;
  }
  if (!withSteps) delete record.QuaTrinhXuLy;
  return record;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
