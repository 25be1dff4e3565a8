import type { RawAgency } from '../../national-procedures/types';
import { parentAgencyCode } from '../agency-code';
import { hashString, objectIdAt, objectIdCounter, objectIdFor, objectIdForRecord, objectIdWithCounter } from '../object-id';
import { placeName } from '../province-directory';
import { toAscii } from '../to-slug';
import type { Dossier, DossierPaper, NationalStatus } from '../types';
import { igateDateOfIso } from '../vn-time';
import { IGATE_STATUSES, igateStatusFor, igateStatusOf, type IgateStatus } from './igate-status';

/** A name in one language, iGate style: 228 Vietnamese, 46 English. */
export interface Translation {
  languageId: 228 | 46;
  name: string;
}

const VI = 228;
const EN = 46;

const agencyLevel = (code: string, vi: string, en: string): Record<string, unknown> => ({
  id: objectIdFor(`agency-level|${code}`), code, name: [{ languageId: VI, name: vi }, { languageId: EN, name: en }], status: 1,
});
const AGENCY_LEVELS = {
  1: agencyLevel('TINH', 'Tỉnh/ Thành phố', 'Province'),
  2: agencyLevel('QUANHUYEN', 'Quận/ Huyện', 'District'),
  3: agencyLevel('XAPHUONG', 'Xã/ Phường/ Thị trấn', 'Commune'),
} as const;

/** applyMethod (our reading): 0 online, 1 in person, 2 public post. Not the national KenhThucHien numbers. */
const APPLY_METHODS = { 2: { id: 0, name: 'Trực tuyến' }, 1: { id: 1, name: 'Trực tiếp' }, 3: { id: 2, name: 'Qua dịch vụ bưu chính công ích' } } as const;
const receivingKind = (kind: 1 | 2 | 3, name: string): Record<string, unknown> => ({ id: objectIdFor(`receiving-kind|${kind}`), name: [{ languageId: VI, name }] });
const RECEIVING_KINDS = { 1: receivingKind(1, 'Nhận trực tiếp'), 2: receivingKind(2, 'Nhận qua dịch vụ bưu chính công ích'), 3: receivingKind(3, 'Nhận kết quả trực tuyến') } as const;
const PAYMENT_METHODS = {
  online: { id: objectIdFor('payment|online'), name: 'Trực tuyến', code: null },
  direct: { id: objectIdFor('payment|direct'), name: 'Trực tiếp', code: null },
} as const;
const procedureLevel = (level: 2 | 3 | 4): Record<string, unknown> => ({ id: objectIdFor(`procedure-level|${level}`), name: `Mức độ ${level}` });
const PROCEDURE_LEVELS = { 2: procedureLevel(2), 3: procedureLevel(3), 4: procedureLevel(4) } as const;
const FEE_TYPES = {
  1: { id: objectIdFor('fee-type|1'), code: 'PHI', name: [{ languageId: VI, name: 'Phí' }] },
  2: { id: objectIdFor('fee-type|2'), code: 'LEPHI', name: [{ languageId: VI, name: 'Lệ phí' }] },
} as const;
/** dossierTaskStatus and a task's status, by iGate status integer. */
const TASK_STATUSES = Object.fromEntries(IGATE_STATUSES.map((status) => [status.code, { id: objectIdFor(`task-status|${status.code}`), name: statusNames(status) }]));
const STEP_STATUSES = Object.fromEntries(IGATE_STATUSES.map((status) => [status.code, { id: status.code, name: statusNames(status) }]));
const CCCD_ISSUER = 'Cục Cảnh sát quản lý hành chính về trật tự xã hội';
const EFORM_ID = objectIdFor('eform|applicant');
const IDENTITY_AGENCY = { id: objectIdFor(`issuer|${CCCD_ISSUER}`), name: CCCD_ISSUER };
const NATION = { label: 'Việt Nam', value: objectIdFor('place|Việt Nam') };

/** What the mapper needs besides the dossier: the directory, for agency parents, and the server's ObjectId prefix. */
export interface IgateMapContext {
  agencies: ReadonlyMap<string, RawAgency>;
  /** Ten hex digits: the "machine and process" bytes of the ObjectIds this deployment writes (see igateMachineId). */
  machine: string;
}

/** The five process bytes of a deployment's ObjectIds, fixed by the seed and the province. */
export function igateMachineId(seed: number, provinceCode: string): string {
  const a = hashString(`${seed}|igate-machine|${provinceCode}`).toString(16).padStart(8, '0');
  const b = hashString(`${provinceCode}|igate-process|${seed}`).toString(16).padStart(8, '0');
  return `${a}${b.slice(0, 2)}`;
}

/**
 * The ObjectId iGate keys a dossier by, as a MongoDB driver makes one: its submission
 * time, the deployment's process bytes, and a counter that is the dossier's registration
 * index — so an id leads back to its dossier without an index of ids.
 */
export function igateDossierId(dossier: Dossier, index: number, machine: string): string {
  return objectIdWithCounter(Date.parse(dossier.submittedAt), machine, index);
}

/** The registration index an id of igateDossierId carries, or null when it is not one of this deployment's. */
export function igateDossierIndex(id: string, machine: string): number | null {
  return id.slice(8, 18) === machine ? objectIdCounter(id) : null;
}

export function igateProcedureId(procedureCode: string): string {
  return objectIdFor(`procedure|${procedureCode}`);
}

export function igateAgencyId(agencyCode: string): string {
  return objectIdFor(`agency|${agencyCode}`);
}

/**
 * A dossier as iGate's `/pa/dossier` API returns it (docs/sources.md §2): nested objects,
 * names as arrays by languageId (English missing, copied from Vietnamese or listed first
 * in some records), dates `yyyy-MM-ddTHH:mm:ss.SSS+0700`, keys left out rather than null
 * when there is no value, the vendor's own status integer.
 */
export function toIgateDossier(dossier: Dossier, index: number, context: IgateMapContext): Record<string, unknown> {
  const parts = catalogueOf(context);
  const status = igateStatusOf(dossier);
  const date = (iso: string | null): string | undefined => (iso === null ? undefined : igateDateOfIso(iso));
  const mess = hashString(dossier.code);
  const { applicant, agencyCode, procedureCode } = dossier;
  const open = dossier.status !== 3 && dossier.status < 7;
  const submitted = Date.parse(dossier.submittedAt);
  const paid = dossier.status === 9 || dossier.status === 10 || (dossier.paymentMethod === 'online' && dossier.receivedAt !== null);

  return {
    id: igateDossierId(dossier, index, context.machine),
    code: dossier.code,
    procedure: parts.procedure(dossier),
    applicant: {
      ...(dossier.channel === 2 ? { userId: objectIdForRecord(`citizen|${applicant.identityNumber}`) } : {}),
      eformId: EFORM_ID,
      data: {
        fullname: applicant.fullName,
        birthday: midnight(applicant.birthDate),
        identityNumber: applicant.identityNumber,
        identityDate: midnight(applicant.identityIssuedDate),
        identityAgency: IDENTITY_AGENCY,
        phoneNumber: mess % 10 === 0 ? `+84${applicant.phone.slice(1)}` : applicant.phone,
        ...(applicant.email !== null ? { email: applicant.email } : mess % 3 === 0 ? {} : { email: '' }),
        address: applicant.address.village,
        nation: NATION,
        province: parts.place(applicant.address.province),
        district: parts.place(applicant.address.district),
        village: parts.place(applicant.address.commune),
        chonDoiTuong: dossier.applicantType,
        ...(dossier.organizationName !== null ? { organization: dossier.organizationName } : {}),
        noidungyeucaugiaiquyet: dossier.summary,
      },
    },
    agency: parts.agencyRef(agencyCode),
    ...(dossier.accepter !== null ? { accepter: parts.accepter(agencyCode, dossier.accepter) } : {}),
    applyMethod: APPLY_METHODS[dossier.channel],
    dossierReceivingKind: RECEIVING_KINDS[dossier.resultDelivery],
    ...(dossier.paymentMethod !== null ? { paymentMethod: PAYMENT_METHODS[dossier.paymentMethod] } : {}),
    procedureProcessDefinition: parts.processDefinition(procedureCode, agencyCode, dossier.processingDays),
    agencyLevel: AGENCY_LEVELS[dossier.agencyLevel],
    procedureLevel: PROCEDURE_LEVELS[dossier.serviceLevel],
    dossierTaskStatus: TASK_STATUSES[status.code],
    dossierStatus: status.code,
    createdDate: date(dossier.submittedAt),
    appliedDate: date(dossier.submittedAt),
    acceptedDate: date(dossier.receivedAt),
    appointmentDate: date(dossier.appointmentAt),
    completedDate: date(dossier.finishedAt),
    returnedDate: date(dossier.returnedAt),
    updatedDate: date(dossier.updatedAt),
    dossierFee: dossier.fees.map((fee, feeIndex) => ({
      id: objectIdAt(submitted, `${dossier.code}|fee|${feeIndex}`),
      procedureFee: parts.procedureFee(fee.code),
      feeType: FEE_TYPES[fee.kind],
      name: [{ languageId: VI, name: fee.name }],
      amount: fee.amount,
      quantity: 1,
      paid: paid ? 1 : 0,
    })),
    dossierFormFile: dossier.submittedPapers.map((paper) => ({
      id: objectIdAt(submitted, `${dossier.code}|form|${paper.code}`),
      procedureForm: parts.procedureForm(procedureCode, paper.code, paper.name),
      file: [file(paper)],
    })),
    attachment: dossier.resultPapers.map((paper) => ({ ...file(paper), code: paper.code, name: paper.name })),
    task: dossier.steps.map((step, stepIndex) => {
      const last = stepIndex === dossier.steps.length - 1;
      const stepStatus = last && open ? status : igateStatusFor(Number(step.status) as NationalStatus);
      return {
        id: objectIdAt(Date.parse(step.start), `${dossier.code}|task|${stepIndex}`),
        name: [{ languageId: VI, name: step.content }],
        assignee: parts.assignee(agencyCode, step.handler, step.position),
        candidateGroup: parts.candidateGroup(agencyCode, step.department),
        status: STEP_STATUSES[stepStatus.code],
        isCurrent: step.end === null ? 1 : 0,
        createdDate: date(step.start),
        completedDate: date(step.end),
        dueDate: date(step.deadlineByRule),
      };
    }),
  };
}

/**
 * The parts of a record that come from the catalogue and the directory, the same on every
 * dossier that names them: built on first use per context and shared (a page of 200
 * dossiers names a few dozen agencies, procedures and officers).
 */
interface CatalogueParts {
  procedure(dossier: Dossier): Record<string, unknown>;
  agencyRef(code: string): Record<string, unknown>;
  accepter(agencyCode: string, name: string): Record<string, unknown>;
  processDefinition(procedureCode: string, agencyCode: string, days: number): Record<string, unknown>;
  procedureFee(code: string): Record<string, unknown>;
  procedureForm(procedureCode: string, paperCode: string, paperName: string): Record<string, unknown>;
  assignee(agencyCode: string, name: string, position: string): Record<string, unknown>;
  candidateGroup(agencyCode: string, department: string): unknown[];
  place(name: string): { label: string; value: string };
}

const catalogues = new WeakMap<IgateMapContext, CatalogueParts>();

function catalogueOf(context: IgateMapContext): CatalogueParts {
  let parts = catalogues.get(context);
  if (!parts) {
    parts = createCatalogueParts(context.agencies);
    catalogues.set(context, parts);
  }
  return parts;
}

/**
 * A function of up to three strings, remembered in nested maps keyed by the strings
 * themselves (no key is built), forgotten after 20,000 entries: an applicant who submitted
 * online is the "officer" of the submission step, and applicants are without number.
 */
function remember<T>(make: (a: string, b: string, c: string) => T): (a: string, b?: string, c?: string) => T {
  let root = new Map<string, Map<string, Map<string, T>>>();
  let size = 0;
  return (a, b = '', c = '') => {
    let level1 = root.get(a);
    if (!level1) root.set(a, (level1 = new Map()));
    let level2 = level1.get(b);
    if (!level2) level1.set(b, (level2 = new Map()));
    let value = level2.get(c);
    if (value === undefined) {
      value = make(a, b, c);
      if (++size > 20_000) {
        root = new Map([[a, new Map([[b, new Map([[c, value]])]])]]);
        size = 1;
      } else level2.set(c, value);
    }
    return value;
  };
}

function createCatalogueParts(agencies: ReadonlyMap<string, RawAgency>): CatalogueParts {
  const ref = (code: string): Record<string, unknown> => {
    const name = agencies.get(code)?.TENDONVI ?? code;
    return { id: igateAgencyId(code), code, name: translations(name, englishAgencyName(name), code) };
  };
  /** An agency with its parent and ancestors (top first), as iGate embeds it. */
  const agencyRef = remember((code) => {
    const ancestors: string[] = [];
    for (let up = parentAgencyCode(code); up !== null; up = parentAgencyCode(up)) {
      if (agencies.has(up)) ancestors.unshift(up);
    }
    const parent = ancestors[ancestors.length - 1];
    return { ...ref(code), ...(parent !== undefined ? { parent: ref(parent) } : {}), ancestors: ancestors.map(ref) };
  });
  // Within a province a procedure code (national or local variant) names one procedure of one sector.
  const procedures = new Map<string, Record<string, unknown>>();
  return {
    procedure(dossier) {
      let found = procedures.get(dossier.procedureCode);
      if (!found) {
        found = {
          id: igateProcedureId(dossier.procedureCode),
          code: dossier.procedureCode,
          translate: translations(dossier.procedureName, null, dossier.procedureCode),
          sector: { id: objectIdFor(`sector|${dossier.sectorCode}`), code: dossier.sectorCode, name: translations(dossier.sectorName, null, dossier.sectorCode) },
        };
        procedures.set(dossier.procedureCode, found);
      }
      return found;
    },
    agencyRef: (code) => agencyRef(code),
    accepter: remember((agencyCode, name) => ({ id: objectIdFor(`user|${agencyCode}|${name}`), fullname: name })),
    processDefinition: (() => {
      const make = remember((procedureCode, agencyCode, days) => ({
        id: objectIdFor(`process|${procedureCode}|${agencyCode}`),
        processingTime: Number(days),
        processingTimeUnit: 'd',
        processDefinition: { id: objectIdFor(`process-definition|${days}`), name: `Quy trình ${days} ngày làm việc` },
      }));
      return (procedureCode: string, agencyCode: string, days: number) => make(procedureCode, agencyCode, String(days));
    })(),
    procedureFee: remember((code) => ({ id: objectIdFor(`procedure-fee|${code}`), code })),
    procedureForm: remember((procedureCode, paperCode, paperName) => ({ id: objectIdFor(`procedure-form|${procedureCode}|${paperCode}`), code: paperCode, name: paperName })),
    assignee: remember((agencyCode, name, position) => ({ id: objectIdFor(`user|${agencyCode}|${name}`), fullname: name, position: { name: position } })),
    candidateGroup: remember((agencyCode, department) => [{ id: objectIdFor(`group|${agencyCode}|${department}`), name: [{ languageId: VI, name: department }] }]),
    /** `{label, value}` as iGate's address pickers store a place: the label capitalised. */
    place: remember((name) => {
      const label = name.charAt(0).toUpperCase() + name.slice(1);
      return { label, value: objectIdFor(`place|${placeName(label)}`) };
    }),
  };
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

/** Midnight in Vietnam of a `yyyy-MM-dd` day, in iGate's form. */
function midnight(day: string): string {
  return `${day}T00:00:00.000+0700`;
}

function file(paper: DossierPaper): { id: string; filename: string; size: number; url: string } {
  const id = /([0-9a-f]{24})(?:\.[a-z]+)?$/.exec(paper.url)?.[1] ?? objectIdForRecord(`file|${paper.url}`);
  return { id, filename: paper.fileName, size: 40_000 + (hashString(paper.url) % 3_000_000), url: paper.url };
}
