import type { RawAgency } from '../../national-procedures/types';
import { parentAgencyCode } from '../agency-code';
import type { IndexedDossier } from '../dossier-index';
import { hashString, objectIdAt, objectIdFor } from '../object-id';
import { placeName } from '../province-directory';
import { toAscii } from '../to-slug';
import type { Dossier, DossierPaper, NationalStatus } from '../types';
import { formatIgateDate, VN_OFFSET_MS } from '../vn-time';
import { igateStatusFor, igateStatusOf, type IgateStatus } from './igate-status';

/** A name in one language, iGate style: 228 Vietnamese, 46 English. */
export interface Translation {
  languageId: 228 | 46;
  name: string;
}

const VI = 228;
const EN = 46;

const AGENCY_LEVELS = {
  1: { code: 'TINH', vi: 'Tỉnh/ Thành phố', en: 'Province' },
  2: { code: 'QUANHUYEN', vi: 'Quận/ Huyện', en: 'District' },
  3: { code: 'XAPHUONG', vi: 'Xã/ Phường/ Thị trấn', en: 'Commune' },
} as const;

/** applyMethod (our reading): 0 online, 1 in person, 2 public post. Not the national KenhThucHien numbers. */
const APPLY_METHODS = { 2: { id: 0, name: 'Trực tuyến' }, 1: { id: 1, name: 'Trực tiếp' }, 3: { id: 2, name: 'Qua dịch vụ bưu chính công ích' } } as const;
const RECEIVING_KINDS = { 1: 'Nhận trực tiếp', 2: 'Nhận qua dịch vụ bưu chính công ích', 3: 'Nhận kết quả trực tuyến' } as const;
const CCCD_ISSUER = 'Cục Cảnh sát quản lý hành chính về trật tự xã hội';

/** What the mapper needs besides the dossier: the directory, for agency parents. */
export interface IgateMapContext {
  agencies: ReadonlyMap<string, RawAgency>;
}

/** The ObjectId iGate keys a dossier by: its submission time, then a hash of its code. */
export function igateDossierId(dossier: Dossier): string {
  return objectIdAt(Date.parse(dossier.submittedAt), dossier.code);
}

export function igateProcedureId(procedureCode: string): string {
  return objectIdFor(`procedure|${procedureCode}`);
}

export function igateAgencyId(agencyCode: string): string {
  return objectIdFor(`agency|${agencyCode}`);
}

/**
 * A dossier as iGate's `/pa/dossier` API returns it (SOURCES.md §2): nested objects,
 * names as arrays by languageId (English missing, copied from Vietnamese or listed first
 * in some records), dates `yyyy-MM-ddTHH:mm:ss.SSS+0700`, keys left out rather than null
 * when there is no value, the vendor's own status integer.
 */
export function toIgateDossier({ dossier }: IndexedDossier, { agencies }: IgateMapContext): Record<string, unknown> {
  const status = igateStatusOf(dossier);
  const date = (iso: string | null): string | undefined => (iso === null ? undefined : formatIgateDate(Date.parse(iso)));
  const mess = hashString(dossier.code);
  const applicant = dossier.applicant;
  const level = AGENCY_LEVELS[dossier.agencyLevel];
  const open = ![3, 7, 8, 9, 10].includes(dossier.status);
  const paid = dossier.status === 9 || dossier.status === 10 || (dossier.paymentMethod === 'online' && dossier.receivedAt !== null);

  return {
    id: igateDossierId(dossier),
    code: dossier.code,
    procedure: {
      id: igateProcedureId(dossier.procedureCode),
      code: dossier.procedureCode,
      translate: translations(dossier.procedureName, null, dossier.procedureCode),
      sector: {
        id: objectIdFor(`sector|${dossier.sectorCode}`),
        code: dossier.sectorCode,
        name: translations(dossier.sectorName, null, dossier.sectorCode),
      },
    },
    applicant: {
      ...(dossier.channel === 2 ? { userId: objectIdFor(`citizen|${applicant.identityNumber}`) } : {}),
      eformId: objectIdFor('eform|applicant'),
      data: {
        fullname: applicant.fullName,
        birthday: midnight(applicant.birthDate),
        identityNumber: applicant.identityNumber,
        identityDate: midnight(applicant.identityIssuedDate),
        identityAgency: { id: objectIdFor(`issuer|${CCCD_ISSUER}`), name: CCCD_ISSUER },
        phoneNumber: mess % 10 === 0 ? `+84${applicant.phone.slice(1)}` : applicant.phone,
        ...(applicant.email !== null ? { email: applicant.email } : mess % 3 === 0 ? {} : { email: '' }),
        address: applicant.address.village,
        nation: { label: 'Việt Nam', value: objectIdFor('place|Việt Nam') },
        province: place(applicant.address.province),
        district: place(applicant.address.district),
        village: place(applicant.address.commune),
        chonDoiTuong: dossier.applicantType,
        ...(dossier.organizationName !== null ? { organization: dossier.organizationName } : {}),
        noidungyeucaugiaiquyet: dossier.summary,
      },
    },
    agency: agencyRef(dossier.agencyCode, agencies, true),
    ...(dossier.accepter !== null ? { accepter: { id: objectIdFor(`user|${dossier.agencyCode}|${dossier.accepter}`), fullname: dossier.accepter } } : {}),
    applyMethod: APPLY_METHODS[dossier.channel],
    dossierReceivingKind: {
      id: objectIdFor(`receiving-kind|${dossier.resultDelivery}`),
      name: [{ languageId: VI, name: RECEIVING_KINDS[dossier.resultDelivery] }],
    },
    ...(dossier.paymentMethod !== null
      ? { paymentMethod: { id: objectIdFor(`payment|${dossier.paymentMethod}`), name: dossier.paymentMethod === 'online' ? 'Trực tuyến' : 'Trực tiếp', code: null } }
      : {}),
    procedureProcessDefinition: {
      id: objectIdFor(`process|${dossier.procedureCode}|${dossier.agencyCode}`),
      processingTime: dossier.processingDays,
      processingTimeUnit: 'd',
      processDefinition: { id: objectIdFor(`process-definition|${dossier.processingDays}`), name: `Quy trình ${dossier.processingDays} ngày làm việc` },
    },
    agencyLevel: { id: objectIdFor(`agency-level|${level.code}`), code: level.code, name: [{ languageId: VI, name: level.vi }, { languageId: EN, name: level.en }], status: 1 },
    procedureLevel: { id: objectIdFor(`procedure-level|${dossier.serviceLevel}`), name: `Mức độ ${dossier.serviceLevel}` },
    dossierTaskStatus: { id: objectIdFor(`task-status|${status.code}`), name: statusNames(status) },
    dossierStatus: status.code,
    createdDate: date(dossier.submittedAt),
    appliedDate: date(dossier.submittedAt),
    acceptedDate: date(dossier.receivedAt),
    appointmentDate: date(dossier.appointmentAt),
    completedDate: date(dossier.finishedAt),
    returnedDate: date(dossier.returnedAt),
    updatedDate: date(dossier.updatedAt),
    dossierFee: dossier.fees.map((fee, index) => ({
      id: objectIdAt(Date.parse(dossier.submittedAt), `${dossier.code}|fee|${index}`),
      procedureFee: { id: objectIdFor(`procedure-fee|${fee.code}`), code: fee.code },
      feeType: { id: objectIdFor(`fee-type|${fee.kind}`), code: fee.kind === 1 ? 'PHI' : 'LEPHI', name: [{ languageId: VI, name: fee.kind === 1 ? 'Phí' : 'Lệ phí' }] },
      name: [{ languageId: VI, name: fee.name }],
      amount: fee.amount,
      quantity: 1,
      paid: paid ? 1 : 0,
    })),
    dossierFormFile: dossier.submittedPapers.map((paper) => ({
      id: objectIdAt(Date.parse(dossier.submittedAt), `${dossier.code}|form|${paper.code}`),
      procedureForm: { id: objectIdFor(`procedure-form|${dossier.procedureCode}|${paper.code}`), code: paper.code, name: paper.name },
      file: [file(paper)],
    })),
    attachment: dossier.resultPapers.map((paper) => ({ ...file(paper), code: paper.code, name: paper.name })),
    task: dossier.steps.map((step, index) => {
      const last = index === dossier.steps.length - 1;
      const stepStatus = last && open ? status : igateStatusFor(Number(step.status) as NationalStatus);
      return {
        id: objectIdAt(Date.parse(step.start), `${dossier.code}|task|${index}`),
        name: [{ languageId: VI, name: step.content }],
        assignee: { id: objectIdFor(`user|${dossier.agencyCode}|${step.handler}`), fullname: step.handler, position: { name: step.position } },
        candidateGroup: [{ id: objectIdFor(`group|${dossier.agencyCode}|${step.department}`), name: [{ languageId: VI, name: step.department }] }],
        status: { id: stepStatus.code, name: statusNames(stepStatus) },
        isCurrent: step.end === null ? 1 : 0,
        createdDate: date(step.start),
        completedDate: date(step.end),
        dueDate: date(step.deadlineByRule),
      };
    }),
  };
}

/** An agency with its parent and ancestors (top first), as iGate embeds it. */
function agencyRef(code: string, agencies: ReadonlyMap<string, RawAgency>, withFamily: boolean): Record<string, unknown> {
  const agency = agencies.get(code);
  const name = agency?.TENDONVI ?? code;
  const ref: Record<string, unknown> = { id: igateAgencyId(code), code, name: translations(name, englishAgencyName(name), code) };
  if (!withFamily) return ref;
  const ancestors: string[] = [];
  for (let up = parentAgencyCode(code); up !== null; up = parentAgencyCode(up)) {
    if (agencies.has(up)) ancestors.unshift(up);
  }
  const parent = ancestors[ancestors.length - 1];
  if (parent !== undefined) ref.parent = agencyRef(parent, agencies, false);
  ref.ancestors = ancestors.map((ancestor) => agencyRef(ancestor, agencies, false));
  return ref;
}

/**
 * Vietnamese always; English in some records, sometimes a copy of the Vietnamese where
 * no translation exists, and in some records listed first: a reader must pick by languageId.
 */
function translations(vi: string, en: string | null, key: string): Translation[] {
  const pick = hashString(`lang|${key}`) % 10;
  if (pick < 4) return [{ languageId: VI, name: vi }];
  const english: Translation = { languageId: EN, name: en ?? vi };
  return pick < 8 ? [{ languageId: VI, name: vi }, english] : [english, { languageId: VI, name: vi }];
}

function statusNames(status: IgateStatus): Translation[] {
  return status.nameEn === null ? [{ languageId: VI, name: status.name }] : [{ languageId: VI, name: status.name }, { languageId: EN, name: status.nameEn }];
}

/** `UBND huyện Hoằng Hóa` → `People's Committee of Hoang Hoa District`; null where deployments have no translation. */
function englishAgencyName(name: string): string | null {
  const match = /^UBND (tỉnh|thành phố|huyện|thị xã|xã|phường|thị trấn) (.+)$/.exec(name);
  if (!match) return null;
  const kinds: Record<string, string> = { 'tỉnh': 'Province', 'thành phố': 'City', 'huyện': 'District', 'thị xã': 'Town', 'xã': 'Commune', 'phường': 'Ward', 'thị trấn': 'Township' };
  return `People's Committee of ${toAscii(match[2] as string)} ${kinds[match[1] as string]}`;
}

/** `{label, value}` as iGate's address pickers store a place: the label capitalised. */
function place(name: string): { label: string; value: string } {
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  return { label, value: objectIdFor(`place|${placeName(label)}`) };
}

function midnight(day: string): string {
  return formatIgateDate(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS);
}

function file(paper: DossierPaper): { id: string; filename: string; size: number; url: string } {
  const id = /([0-9a-f]{24})(?:\.[a-z]+)?$/.exec(paper.url)?.[1] ?? objectIdFor(`file|${paper.url}`);
  return { id, filename: paper.fileName, size: 40_000 + (hashString(paper.url) % 3_000_000), url: paper.url };
}
