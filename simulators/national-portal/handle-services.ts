import type { SimResponse } from '../kit';
import { jsonReply } from '../national-procedures/json-reply';
import type { PortalStore } from './portal-store';
import { PORTAL_ERROR_CODES, refusalReply, type PortalRefusal } from './portal-reply';
import { checkDossierCode, validateDossier } from './validate-dossier';
import { validateStep } from './validate-step';
import type { PortalRecord } from './types';

export interface ServiceContext {
  store: PortalStore;
  procedureCodes: ReadonlySet<string>;
  /** Dossier codes refused whatever they hold. */
  refused: ReadonlySet<string>;
  /** What a create of a dossier already held does: refused with error_code -3, or accepted as a new creation. */
  duplicateCreate: 'refuse' | 'accept';
}

/** Largest `data` lists accepted (our reading). */
const MAX_DOSSIERS = 100;
const MAX_STEPS = 1000;

type Service = (params: Record<string, unknown>, context: ServiceContext) => SimResponse;

/** The portal's services (docs/sources.md §4), by name. Each answers the portal's JSON; none throws. */
export const SERVICES: Readonly<Record<string, Service>> = {
  TraCuuHoSo: lookUpDossier,
  DongBoHoSoMC: syncDossiers,
  CapNhatTienDoHoSoMC: syncSteps,
};

/**
 * `TraCuuHoSo {MaHoSo}` → `{"error_code":0,"result":[<record as last accepted>]}`, or
 * `"result":[]` when the portal does not hold it. The key is read whatever its case
 * (`MaHoSo`, `mahoso`): public integration code sends it in lower case.
 */
function lookUpDossier(params: Record<string, unknown>, { store }: ServiceContext): SimResponse {
  const key = Object.keys(params).find((k) => k.toLowerCase() === 'mahoso');
  const value = key === undefined ? undefined : params[key];
  const code = typeof value === 'string' ? value.trim() : '';
  if (code === '') return refuse({ code: PORTAL_ERROR_CODES.missingValue, message: 'Thiếu thông tin bắt buộc: MaHoSo' }, store);
  const shape = checkDossierCode(code);
  if (shape) return refuse(shape, store);
  const held = store.get(code);
  return jsonReply({ error_code: PORTAL_ERROR_CODES.ok, result: held ? [held.record] : [] });
}

/**
 * `DongBoHoSoMC {isUpdating: "False"|"True", data: [dossier…]}`: creates or replaces
 * dossiers. All or nothing: the first refused item refuses the call and nothing is kept.
 */
function syncDossiers(params: Record<string, unknown>, context: ServiceContext): SimResponse {
  const { store } = context;
  const mode = typeof params.isUpdating === 'string' ? { true: 'update', false: 'create' }[params.isUpdating.trim().toLowerCase()] : undefined;
  if (mode !== 'create' && mode !== 'update') {
    return refuse({ code: PORTAL_ERROR_CODES.malformedData, message: `Dữ liệu đồng bộ không hợp lệ: isUpdating phải là "True" hoặc "False", nhận được ${JSON.stringify(params.isUpdating)}` }, store);
  }
  const data = readData(params.data, MAX_DOSSIERS);
  if (typeof data === 'string') return refuse({ code: PORTAL_ERROR_CODES.malformedData, message: data }, store);
  const seen = new Set<string>();
  for (const item of data) {
    const problem = validateDossier(item, context.procedureCodes);
    if (problem) return refuse(problem, store);
    const code = ((item as PortalRecord).MaHoSo as string).trim();
    const exists = store.has(code) || seen.has(code);
    if (context.refused.has(code)) return refuse({ code: PORTAL_ERROR_CODES.refusedDossier, message: `Hồ sơ ${code} bị từ chối đồng bộ` }, store);
    if (mode === 'create' && exists && context.duplicateCreate === 'refuse') {
      return refuse({ code: PORTAL_ERROR_CODES.alreadyExists, message: `Hồ sơ ${code} đã tồn tại trên Cổng DVCQG` }, store);
    }
    if (mode === 'update' && !exists) return refuse({ code: PORTAL_ERROR_CODES.dossierNotFound, message: `Hồ sơ ${code} không tồn tại trên Cổng DVCQG` }, store);
    seen.add(code);
  }
  for (const item of data) store.writeDossier(((item as PortalRecord).MaHoSo as string).trim(), item as PortalRecord, mode);
  return jsonReply({ error_code: PORTAL_ERROR_CODES.ok, error_message: `Đồng bộ thành công ${data.length} hồ sơ` });
}

/** `CapNhatTienDoHoSoMC {data: [step…]}`: merges steps into dossiers the portal holds. All or nothing. */
function syncSteps(params: Record<string, unknown>, context: ServiceContext): SimResponse {
  const { store } = context;
  const data = readData(params.data, MAX_STEPS);
  if (typeof data === 'string') return refuse({ code: PORTAL_ERROR_CODES.malformedData, message: data }, store);
  const accepted: Array<{ code: string; step: PortalRecord }> = [];
  for (const [index, item] of data.entries()) {
    const problem = validateStep(item, index);
    if (problem) return refuse(problem, store);
    const code = ((item as PortalRecord).MaHoSo as string).trim();
    if (context.refused.has(code)) return refuse({ code: PORTAL_ERROR_CODES.refusedDossier, message: `Hồ sơ ${code} bị từ chối đồng bộ` }, store);
    if (!store.has(code)) return refuse({ code: PORTAL_ERROR_CODES.dossierNotFound, message: `Hồ sơ ${code} không tồn tại trên Cổng DVCQG` }, store);
    accepted.push({ code, step: item as PortalRecord });
  }
  store.writeSteps(accepted);
  return jsonReply({ error_code: PORTAL_ERROR_CODES.ok, error_message: `Cập nhật tiến độ thành công ${data.length} bước xử lý` });
}

/** `data` as a non-empty list of at most `max` items, or the reason it is not one. */
function readData(data: unknown, max: number): unknown[] | string {
  if (!Array.isArray(data)) return 'Dữ liệu đồng bộ không hợp lệ: data phải là một danh sách';
  if (data.length === 0) return 'Dữ liệu đồng bộ không hợp lệ: data không có phần tử nào';
  if (data.length > max) return `Dữ liệu đồng bộ không hợp lệ: data có ${data.length} phần tử, tối đa ${max}`;
  return data;
}

function refuse(refusal: PortalRefusal, store: PortalStore): SimResponse {
  store.countRefusal(refusal.code);
  return refusalReply(refusal);
}
