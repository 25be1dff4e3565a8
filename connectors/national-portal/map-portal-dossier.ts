import {
  isAgencyCode,
  isNationalProcedureCode,
  type ApplicantKind,
  type ChannelKind,
  type DossierPaperRecord,
  type DossierRecord,
  type IdentityKind,
  type ProcedureRecord,
} from '../../src/domain';
import { formatPortalDateTime } from './format-portal-date-time';
import { mapPortalStep, type PortalStep } from './map-portal-step';
import { foldVietnamese } from './read-portal-answer';

/** What a dossier push is mapped from. */
export interface PortalDossierInput {
  dossier: DossierRecord;
  /** The national code the dossier's procedure resolves to (through the province's alias table), or null when it resolves to none. */
  nationalProcedureCode: string | null;
  /** The national catalogue's record of that procedure, when the caller has it: its name and first sector are preferred to the province's. */
  procedure?: Pick<ProcedureRecord, 'name' | 'sectors'> | null;
}

/** A dossier as `DongBoHoSoMC` takes it (docs/sources.md §4): every value a string, "" for none, dates `yyyyMMddHHmmss` Vietnam time. */
export interface PortalDossier {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  KenhThucHien: string;
  SoBienNhan: string;
  ChuHoSo: string;
  SoGiayToChuHoSo: string;
  LoaiDoiTuong: string;
  DinhDanhCHS: Array<{ LoaiDinhDanh: string; SoDinhDanh: string }>;
  Email: string;
  SoDienThoai: string;
  TrichYeuHoSo: string;
  NgayNopHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  TrangThaiHoSo: string;
  NgayKetThucXuLy: string;
  NgayTra: string;
  NgayTuChoi: string;
  DonViXuLy: string;
  TaiLieuNop: Array<{ TenTepDinhKem: string; IsDeleted: string; MaThanhPhanHoSo: string; DuongDanTaiTepTin: string }>;
  DanhSachLePhi: Array<{ TenPhiLePhi: string; MaPhiLePhi: string; Gia: string; LoaiPhiLePhi: string }>;
  DanhSachGiayToKetQua: Array<{ TenGiayTo: string; MaGiayToKetQua: string; DuongDanTepTinKetQua: string }>;
}

/**
 * Why a dossier cannot be pushed at all (nothing is sent):
 * - `STATUS_UNMAPPED`: its vendor status has no national code in the province's table;
 * - `PROCEDURE_UNMAPPED`: its procedure code resolves to no national procedure code;
 * - `DOSSIER_CODE_INVALID`: its code is not `{agency code}-{yyMMdd}-{4 digits}`;
 * - `VALUE_MISSING`: a value the portal requires for it is missing (`field` names the portal's key);
 * - `VALUE_INVALID`: a value is there but cannot be written as the portal takes it.
 */
export type PortalRefusalReason = 'STATUS_UNMAPPED' | 'PROCEDURE_UNMAPPED' | 'DOSSIER_CODE_INVALID' | 'VALUE_MISSING' | 'VALUE_INVALID';

export interface PortalRefusal {
  reason: PortalRefusalReason;
  /** The portal's key the refusal is about, e.g. `TrangThaiHoSo`, `NgayTiepNhan`. */
  field: string;
  message: string;
}

/** Something left out of a pushed dossier because the portal could not take it, the dossier itself still pushed. */
export interface PortalOmission {
  /** Where, under the portal's keys: `DanhSachLePhi[1]`, `steps[3]`, `DinhDanhCHS`, `steps`. */
  path: string;
  reason: string;
}

export type PortalDossierMapping =
  | { ok: true; dossier: PortalDossier; steps: PortalStep[]; omitted: PortalOmission[] }
  | { ok: false; refusal: PortalRefusal };

const CHANNELS: Record<ChannelKind, string> = { IN_PERSON: '1', ONLINE: '2', POSTAL: '3' };
const APPLICANT_KINDS: Record<ApplicantKind, string> = { CITIZEN: '1', BUSINESS: '2', STATE_AGENCY: '3', OTHER_ORGANISATION: '4' };
/** LoaiDinhDanh and the digits its number has. */
const IDENTITIES: Record<IdentityKind, { kind: string; digits: number }> = { CCCD: { kind: '1', digits: 12 }, CMND: { kind: '2', digits: 9 } };
/** Statuses of a dossier the desk has received: all but 1 (newly registered), 3 (refused) and 7 (withdrawn). */
const RECEIVED = new Set([2, 4, 5, 6, 8, 9, 10]);

class Refused extends Error {
  constructor(readonly refusal: PortalRefusal) {
    super(refusal.message);
  }
}

/**
 * Maps a dossier of the unified model to the portal's record and steps (docs/sources.md §4;
 * docs/national-portal.md lists every key, where it comes from and what the portal
 * requires). Pure and total: a dossier the portal could not take gives a coded refusal
 * (`ok: false`), never an exception; a fee, paper, result, identity or step the portal
 * could not take is left out and listed in `omitted`.
 */
export function mapPortalDossier({ dossier: d, nationalProcedureCode, procedure }: PortalDossierInput): PortalDossierMapping {
  try {
    return { ok: true, ...build(d, nationalProcedureCode, procedure ?? null) };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, refusal: err.refusal };
    throw err;
  }
}

function build(d: DossierRecord, nationalCode: string | null, procedure: Pick<ProcedureRecord, 'name' | 'sectors'> | null): { dossier: PortalDossier; steps: PortalStep[]; omitted: PortalOmission[] } {
  const omitted: PortalOmission[] = [];
  if (!isPortalDossierCode(d.code)) refuse('DOSSIER_CODE_INVALID', 'MaHoSo', `dossier code ${JSON.stringify(d.code)} is not {agency code}-{yyMMdd}-{4 digits}`);
  const status = d.status.code;
  if (status === null) refuse('STATUS_UNMAPPED', 'TrangThaiHoSo', `vendor status ${JSON.stringify(d.status.vendorCode)} of ${d.source} has no national code in its status table`);
  if (!Number.isInteger(status) || status < 1 || status > 10) refuse('VALUE_INVALID', 'TrangThaiHoSo', `status ${status} is not a national status 1–10`);
  if (nationalCode === null || !isNationalProcedureCode(nationalCode)) {
    refuse('PROCEDURE_UNMAPPED', 'MaTTHC', `procedure code ${JSON.stringify(d.procedureCode)} resolves to no national procedure code`);
  }
  const sector = [...(procedure?.sectors ?? []), ...(d.sector ? [d.sector] : [])][0];
  const identity = mapIdentity(d, omitted);
  const agency = required(d.agencyCode, 'DonViXuLy', 'processing agency');
  if (!isAgencyCode(agency)) refuse('VALUE_INVALID', 'DonViXuLy', `processing agency ${JSON.stringify(agency)} is not an agency code`);

  const dossier: PortalDossier = {
    MaHoSo: d.code,
    MaTTHC: nationalCode,
    TenTTHC: required(procedure?.name ?? d.procedureName, 'TenTTHC', 'procedure name'),
    MaLinhVuc: required(sector?.code, 'MaLinhVuc', 'sector code'),
    TenLinhVuc: required(sector?.name, 'TenLinhVuc', 'sector name'),
    KenhThucHien: d.channel === null ? '' : CHANNELS[d.channel],
    SoBienNhan: text(d.receiptNumber),
    ChuHoSo: text(d.applicant.name),
    SoGiayToChuHoSo: required(d.applicant.idNumber, 'SoGiayToChuHoSo', "applicant's ID number"),
    LoaiDoiTuong: d.applicant.kind === null ? refuse('VALUE_MISSING', 'LoaiDoiTuong', 'the kind of applicant is unknown') : APPLICANT_KINDS[d.applicant.kind],
    DinhDanhCHS: identity,
    Email: text(d.applicant.email),
    SoDienThoai: text(d.applicant.phone),
    TrichYeuHoSo: text(d.summary),
    NgayNopHoSo: instant(required(d.submittedAt, 'NgayNopHoSo', 'submission time'), 'NgayNopHoSo'),
    NgayTiepNhan: instant(RECEIVED.has(status) ? required(d.receivedAt, 'NgayTiepNhan', `reception time, required for status ${status}`) : d.receivedAt, 'NgayTiepNhan'),
    NgayHenTra: instant(d.appointmentAt, 'NgayHenTra'),
    TrangThaiHoSo: String(status),
    NgayKetThucXuLy: instant(status === 9 || status === 10 ? required(d.finishedAt, 'NgayKetThucXuLy', `end of processing, required for status ${status}`) : d.finishedAt, 'NgayKetThucXuLy'),
    NgayTra: instant(status === 10 ? required(d.returnedAt, 'NgayTra', 'return time, required for status 10') : d.returnedAt, 'NgayTra'),
    // The unified model keeps a refusal's time as the end of processing.
    NgayTuChoi: status === 3 ? instant(required(d.finishedAt, 'NgayTuChoi', 'refusal time, required for status 3'), 'NgayTuChoi') : '',
    DonViXuLy: agency,
    TaiLieuNop: keep(d.submittedPapers, 'TaiLieuNop', omitted, mapSubmittedPaper),
    DanhSachLePhi: keep(d.fees, 'DanhSachLePhi', omitted, (fee) => {
      const name = fee.name?.trim();
      if (!name) return 'no name (TenPhiLePhi), which the portal requires';
      if (fee.amount === null || !Number.isSafeInteger(fee.amount) || fee.amount < 0) return `amount ${fee.amount} is not a whole number of đồng (Gia)`;
      return { TenPhiLePhi: name, MaPhiLePhi: text(fee.code), Gia: String(fee.amount), LoaiPhiLePhi: feeKind(fee.kind) };
    }),
    DanhSachGiayToKetQua: keep(d.resultPapers, 'DanhSachGiayToKetQua', omitted, (paper) => {
      const name = (paper.name ?? paper.fileName)?.trim();
      return name ? { TenGiayTo: name, MaGiayToKetQua: text(paper.code), DuongDanTepTinKetQua: text(paper.url) } : 'no name (TenGiayTo), which the portal requires';
    }),
  };
  const steps: PortalStep[] = [];
  if (d.steps === null) omitted.push({ path: 'steps', reason: 'not read from the province yet' });
  for (const [index, step] of (d.steps ?? []).entries()) {
    const mapped = mapPortalStep(step, d.code);
    if ('step' in mapped) steps.push(mapped.step);
    else omitted.push({ path: `steps[${index}]`, reason: mapped.reason });
  }
  return { dossier, steps, omitted };
}

/** DinhDanhCHS from the applicant's ID: 1 + a 12-digit CCCD, 2 + a 9-digit CMND (the kind read from the number's length when the source gave none). */
function mapIdentity(d: DossierRecord, omitted: PortalOmission[]): PortalDossier['DinhDanhCHS'] {
  const number = d.applicant.idNumber?.trim() ?? '';
  const kind = d.applicant.idKind ?? (/^\d{12}$/.test(number) ? 'CCCD' : /^\d{9}$/.test(number) ? 'CMND' : null);
  const rule = kind === null ? null : IDENTITIES[kind];
  if (rule && new RegExp(`^\\d{${rule.digits}}$`).test(number)) return [{ LoaiDinhDanh: rule.kind, SoDinhDanh: number }];
  const reason = number === '' ? 'no ID number' : `ID number ${JSON.stringify(number)} is neither a 12-digit CCCD nor a 9-digit CMND${kind ? ` (the source says ${kind})` : ''}`;
  // A citizen's personal identifier is required by the portal; an organisation's is not.
  if (d.applicant.kind === 'CITIZEN') refuse(number === '' ? 'VALUE_MISSING' : 'VALUE_INVALID', 'DinhDanhCHS', `the applicant is a citizen and ${reason}`);
  if (number !== '') omitted.push({ path: 'DinhDanhCHS', reason });
  return [];
}

function mapSubmittedPaper(paper: DossierPaperRecord): PortalDossier['TaiLieuNop'][number] | string {
  const name = (paper.fileName ?? paper.name)?.trim();
  if (!name) return 'no file name (TenTepDinhKem), which the portal requires';
  if (!paper.url?.trim()) return 'no link to the file (DuongDanTaiTepTin), which the portal requires';
  return { TenTepDinhKem: name, IsDeleted: 'False', MaThanhPhanHoSo: text(paper.code), DuongDanTaiTepTin: paper.url.trim() };
}

/** LoaiPhiLePhi (our reading): 1 phí (fee), 2 lệ phí (charge), from the code or the word; "" when it is neither. */
function feeKind(kind: string | null): string {
  const folded = foldVietnamese(kind ?? '');
  return folded === '1' || folded === 'phi' ? '1' : folded === '2' || folded === 'le phi' ? '2' : '';
}

/** Maps each item, keeping the mapped ones and listing the others (the mapper's reason) in `omitted`. */
function keep<T, R>(items: readonly T[], path: string, omitted: PortalOmission[], map: (item: T) => R | string): R[] {
  const kept: R[] = [];
  for (const [index, item] of items.entries()) {
    const mapped = map(item);
    if (typeof mapped === 'string') omitted.push({ path: `${path}[${index}]`, reason: mapped });
    else kept.push(mapped);
  }
  return kept;
}

/** `{agency code}-{yyMMdd}-{4 digits}` with a real date. */
function isPortalDossierCode(code: string): boolean {
  const match = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{2})(\d{2})(\d{2})-\d{4}$/.exec(code);
  if (!match || !isAgencyCode(match[1]!)) return false;
  const [y, m, day] = [2000 + Number(match[2]), Number(match[3]), Number(match[4])];
  const date = new Date(Date.UTC(y, m - 1, day));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === day;
}

function text(value: string | null | undefined): string {
  return value?.trim() ?? '';
}

function required(value: string | null | undefined, field: string, what: string): string {
  const trimmed = value?.trim();
  return trimmed ? trimmed : refuse('VALUE_MISSING', field, `no ${what} (${field}), which the portal requires`);
}

function instant(iso: string | null, field: string): string {
  if (iso === null) return '';
  return formatPortalDateTime(iso) ?? refuse('VALUE_INVALID', field, `${JSON.stringify(iso)} is not an instant (${field})`);
}

function refuse(reason: PortalRefusalReason, field: string, message: string): never {
  throw new Refused({ reason, field, message });
}
