import { levelOfAgencyCode, parseAdministrativeLevel } from '../../src/domain';
import type { AgencyRecord, CodeName, SectorRecord } from '../../src/domain/procedure';
import { readObject, readText } from '../kit';

/** `LayDanhMucCoQuan` item `{MADONVI, TENDONVI, CAPDONVI}` → AgencyRecord; null without a code. */
export function mapAgency(raw: unknown): AgencyRecord | null {
  const r = readObject(raw);
  const code = readText(r.MADONVI);
  if (code === null) return null;
  return { code, name: readText(r.TENDONVI), level: parseAdministrativeLevel(r.CAPDONVI) ?? levelOfAgencyCode(code) };
}

/** `LayDanhMucLinhVuc` item `{MALINHVUC, TENLINHVUC}` → SectorRecord; null without a code. */
export function mapSector(raw: unknown): SectorRecord | null {
  const r = readObject(raw);
  const code = readText(r.MALINHVUC);
  return code === null ? null : { code, name: readText(r.TENLINHVUC) };
}

/** `LayDanhSachTTHC` item `{MATTHC, TENTTHC}` → CodeName; null without a code. */
export function mapProcedureSummary(raw: unknown): CodeName | null {
  const r = readObject(raw);
  const code = readText(r.MATTHC);
  return code === null ? null : { code, name: readText(r.TENTTHC) };
}
