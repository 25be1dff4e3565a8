import { GatewayError } from '../../../src/errors';
import { findChild, readCount, type XmlElement } from '../../kit';
import type { SoapOptions } from '../config';
import { formatCompactDay } from '../format-compact-day';
import { mapPortalDossier, mapPortalStep } from '../map-portal-dossier';
import type { OneStopVendor, VendorContext } from '../vendor';
import { readSoapAnswer } from './read-soap-answer';
import { soapItems, soapRecord } from './soap-record';

/** Larger pages make these services time out in their own database. */
const MAX_PAGE_SIZE = 200;

/** Lists inside a dossier arrive as a wrapper element around item elements. */
const LIST_FIELDS = ['DinhDanhCHS', 'TaiLieuNop', 'DanhSachLePhi', 'DanhSachGiayToKetQua', 'QuaTrinhXuLy'] as const;

/**
 * The "soap" dialect (docs/sources.md §2, our reading of ASMX-era district systems): SOAP 1.1
 * over `POST {servicePath}` with `SOAPAction`, credentials in an `AuthHeader` SOAP header,
 * operations LayDanhSachHoSo (page of dossiers without steps), LayHoSo and LayTienDoXuLy
 * (steps). Answers are read by readSoapAnswer (the connectors' one XML reader: namespaces
 * resolved whatever the prefixes, SOAP 1.1 or 1.2 envelopes, character references and
 * CDATA decoded, DTDs refused) and turned into the portal's keys by soapRecord, so the
 * motcua mapper reads them. A fault saying the dossier does not exist is a null answer.
 * A list of one dossier is one element, as a list of many is several: lists are read as
 * their children, whatever they are called.
 */
export function createSoapVendor(options: SoapOptions, { source, http, mapStatus }: VendorContext): OneStopVendor {
  const { servicePath = '/HoSoService.asmx', namespace = 'http://motcua.gov.vn/', username, password } = options;
  // The service's elements: in its namespace, or unqualified (services whose schema leaves local elements so).
  const serviceNamespaces: ReadonlySet<string | undefined> = new Set([namespace, undefined]);
  const child = (parent: XmlElement | undefined, name: string): XmlElement | undefined => parent && findChild(parent, [name], serviceNamespaces);

  /**
   * Calls one operation. Every operation this dialect calls reads, so each is idempotent.
   * The answer is read inside the HTTP client, so a SOAP fault sent with HTTP 500 counts as
   * the service's own answer, not as the service failing.
   */
  function call(operation: string, params: Record<string, string | number>): Promise<XmlElement> {
    const body = envelope(namespace, operation, params, username, password);
    return http.request(
      {
        method: 'POST',
        path: servicePath,
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${namespace}${operation}"` },
        body,
        idempotent: true,
      },
      (res) => readSoapAnswer(res, { source, operation, serviceNamespaces }),
    );
  }

  async function orNullWhenMissing<T>(work: Promise<T>): Promise<T | null> {
    try {
      return await work;
    } catch (err) {
      if (err instanceof GatewayError && err.extensions.upstreamCode === 'HOSO_KHONG_TON_TAI') return null;
      throw err;
    }
  }

  /** A `HoSo` element as the portal's record; `withSteps` false leaves QuaTrinhXuLy out (the listing carries none, so steps are not read yet). */
  function dossierRecord(hoSo: XmlElement, withSteps: boolean): Record<string, unknown> {
    const record = soapRecord(hoSo, serviceNamespaces);
    for (const field of LIST_FIELDS) {
      const list = child(hoSo, field);
      if (list) record[field] = soapItems(list, serviceNamespaces);
    }
    if (!withSteps) delete record.QuaTrinhXuLy;
    return record;
  }

  function total(result: XmlElement, operation: string): number {
    const count = readCount(child(result, 'TongSo')?.text);
    if (count === null) throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered ${operation} without a TongSo count`, { source });
    return count;
  }

  const steps = (progress: XmlElement) => soapItems(child(progress, 'QuaTrinhXuLy'), serviceNamespaces).map(mapPortalStep);

  return {
    maxPageSize: MAX_PAGE_SIZE,
    listings: { pending: false, updated: false, statusCodesPerCall: 1 },
    async listPage(listing, page, size) {
      if (listing.kind === 'pending' || listing.kind === 'updated') throw new Error(`${source}: the soap dialect has no ${listing.kind} listing`);
      // The service wants a window with every listing (our reading); a status listing asks for all of them since 2000.
      const window = listing.kind === 'received' ? listing : { from: new Date('2000-01-01T00:00:00+07:00'), to: new Date(Date.now() + 2 * 86_400_000) };
      const result = await call('LayDanhSachHoSo', {
        tuNgay: formatCompactDay(window.from),
        denNgay: formatCompactDay(new Date(window.to.getTime() - 1)),
        ...(listing.kind === 'status' ? { trangThai: listing.vendorCodes[0]! } : {}),
        trang: page + 1,
        soLuong: size,
      });
      const count = total(result, 'LayDanhSachHoSo');
      const list = child(result, 'DanhSachHoSo');
      const items = (list ? list.children.filter((item) => serviceNamespaces.has(item.namespace)) : [])
        .map((hoSo) => mapPortalDossier(dossierRecord(hoSo, false), source, mapStatus))
        .filter((d) => d !== null);
      return { items, total: count };
    },
    async getDossier(code) {
      const result = await orNullWhenMissing(call('LayHoSo', { maHoSo: code }));
      const hoSo = child(result ?? undefined, 'HoSo');
      if (!hoSo) return null;
      const progress = await orNullWhenMissing(call('LayTienDoXuLy', { maHoSo: code }));
      const record = mapPortalDossier(dossierRecord(hoSo, false), source, mapStatus);
      if (record && progress) record.steps = steps(progress);
      return record;
    },
    async getSteps(code) {
      const progress = await orNullWhenMissing(call('LayTienDoXuLy', { maHoSo: code }));
      return progress ? steps(progress) : [];
    },
    async probe() {
      const today = new Date();
      const result = await call('LayDanhSachHoSo', { tuNgay: formatCompactDay(today), denNgay: formatCompactDay(today), trang: 1, soLuong: 1 });
      return { dossiersToday: total(result, 'LayDanhSachHoSo') };
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

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
