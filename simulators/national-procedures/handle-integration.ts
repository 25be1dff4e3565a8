import type { SimResponse } from '../kit';
import { PROTOCOL_ERROR_CODES, errorReply, jsonReply } from './json-reply';
import type { SessionStore } from './session-store';
import type { NationalCatalogueData, RawProcedure } from './types';

export interface IntegrationOptions {
  sessions: SessionStore;
  data: NationalCatalogueData;
  /** Records by MATTHC, built once from `data`. */
  byCode: ReadonlyMap<string, RawProcedure>;
}

type Service = (params: Record<string, unknown>, options: IntegrationOptions) => unknown[];

/** The services of the national procedure database (docs/sources.md §1). */
const SERVICES: Readonly<Record<string, Service>> = {
  LayDanhSachTTHC: (_params, { data }) => data.procedures.map(({ MATTHC, TENTTHC }) => ({ MATTHC, TENTTHC })),
  LayThuTuc: (params, { byCode }) => {
    const record = typeof params.maTTHC === 'string' ? byCode.get(params.maTTHC) : undefined;
    return record ? [record] : [];
  },
  LayDanhMucCoQuan: (_params, { data }) => data.agencies,
  LayDanhMucLinhVuc: (_params, { data }) => data.sectors,
};

/**
 * `POST /integration` `{"session","madonvi","service",…params}` → `{"error_code":0,"result":[…]}`.
 * Checked in this order: session (error_code 401), madonvi (3), service (2). Never throws.
 */
export function handleIntegration(body: Record<string, unknown>, options: IntegrationOptions): SimResponse {
  if (!options.sessions.isValid(body.session)) {
    return errorReply(PROTOCOL_ERROR_CODES.sessionExpired, 'Phiên làm việc không hợp lệ hoặc đã hết hạn');
  }
  if (typeof body.madonvi !== 'string' || body.madonvi.trim() === '') {
    return errorReply(PROTOCOL_ERROR_CODES.missingAgency, 'Thiếu mã đơn vị gọi dịch vụ (madonvi)');
  }
  const name = typeof body.service === 'string' ? body.service : '';
  const service = Object.hasOwn(SERVICES, name) ? SERVICES[name] : undefined;
  if (!service) return errorReply(PROTOCOL_ERROR_CODES.unknownService, `Dịch vụ không tồn tại: ${name}`);
  return jsonReply({ error_code: PROTOCOL_ERROR_CODES.ok, result: service(body, options) });
}
