import type { ApplicantKind, ChannelKind, DossierRecord, DossierStepRecord } from '../../src/domain';
import { readAmount, readList, readNumber, readObject, readText, readVietnamDateTime } from '../kit';
import type { StatusMapper } from './map-status';
import { readIdentityNumber } from './read-identity-number';
import { readPhoneNumber } from './read-phone-number';
import { resolveDossierAgency } from './resolve-dossier-agency';

/** iGate's `applyMethod.id` (our reading): 0 online, 1 in person, 2 public post. */
const APPLY_METHODS: Record<string, ChannelKind> = { '0': 'ONLINE', '1': 'IN_PERSON', '2': 'POSTAL' };
/** `applicant.data.chonDoiTuong` carries the national LoaiDoiTuong numbers. */
const APPLICANT_KINDS: Record<string, ApplicantKind> = { '1': 'CITIZEN', '2': 'BUSINESS', '3': 'STATE_AGENCY', '4': 'OTHER_ORGANISATION' };
const VIETNAMESE = 228;

/**
 * Maps a dossier as VNPT iGate's `/pa/dossier` API returns it (docs/sources.md §2): nested
 * objects, names as arrays by `languageId` (228 Vietnamese, 46 English, in any order,
 * English often missing) or as plain strings, dates ISO with `+0700` or in UTC with
 * milliseconds, numbers where text is expected and the reverse, keys left out when empty,
 * and the vendor's own status integer (mapped through the configured table). The applicant
 * is the dossier's owner (`ownerFullname`, the national ChuHoSo) when the record names one
 * apart from the person who filed it (`fullname`). The agency is resolved by
 * resolveDossierAgency: `agency.code`, else the dossier code's prefix, else
 * `agency.parent.code`. Null without a code.
 */
export function mapIgateDossier(raw: unknown, source: string, mapStatus: StatusMapper): DossierRecord | null {
  const r = readObject(raw);
  const code = readText(r.code);
  if (code === null) return null;
  const procedure = readObject(r.procedure);
  const sector = readObject(procedure.sector);
  const data = readObject(readObject(r.applicant).data);
  const agency = readObject(r.agency);
  const idNumber = readIdentityNumber(data.identityNumber);
  const agencyCode = resolveDossierAgency(code, readText(agency.code), [readText(readObject(agency.parent).code)]);
  const statusCode = readText(r.dossierStatus);
  const taskStatus = readObject(r.dossierTaskStatus);
  return {
    code,
    source,
    procedureCode: readText(procedure.code),
    procedureName: vietnameseName(procedure.translate),
    sector: readText(sector.code) ? { code: readText(sector.code)!, name: vietnameseName(sector.name) } : null,
    applicant: {
      name: readText(data.ownerFullname) ?? readText(data.fullname),
      kind: APPLICANT_KINDS[readText(data.chonDoiTuong) ?? ''] ?? null,
      idNumber,
      idKind: idNumber?.length === 12 ? 'CCCD' : idNumber?.length === 9 ? 'CMND' : null,
      phone: readPhoneNumber(data.phoneNumber),
      email: readText(data.email),
      address: joinAddress(data),
    },
    agencyCode: agencyCode.code,
    // A name from the record belongs to the agency it names; one found otherwise is named by the directory.
    agencyName: agencyCode.from === 'record' ? vietnameseName(agency.name) : null,
    channel: APPLY_METHODS[readText(readObject(r.applyMethod).id) ?? ''] ?? null,
    status: mapStatus(statusCode ?? '', vietnameseName(taskStatus.name)),
    receiptNumber: readText(r.receiptNumber) ?? code,
    summary: readText(data.noidungyeucaugiaiquyet) ?? readText(r.summary),
    submittedAt: readVietnamDateTime(r.appliedDate) ?? readVietnamDateTime(r.createdDate),
    receivedAt: readVietnamDateTime(r.acceptedDate),
    appointmentAt: readVietnamDateTime(r.appointmentDate),
    finishedAt: readVietnamDateTime(r.completedDate),
    returnedAt: readVietnamDateTime(r.returnedDate),
    updatedAt: readVietnamDateTime(r.updatedDate),
    steps: r.task === undefined ? null : readList(r.task).map(mapIgateTask),
    fees: readList(r.dossierFee).map((item) => {
      const f = readObject(item);
      const feeType = readObject(f.feeType);
      return {
        code: readText(readObject(f.procedureFee).code),
        name: vietnameseName(f.name),
        amount: readAmount(f.amount) === null ? null : readAmount(f.amount)! * (readNumber(f.quantity) ?? 1),
        kind: vietnameseName(feeType.name) ?? readText(feeType.code),
      };
    }),
    submittedPapers: readList(r.dossierFormFile).flatMap((item) => {
      const form = readObject(readObject(item).procedureForm);
      const files = readList(readObject(item).file).map(readObject);
      const base = { code: readText(form.code), name: readText(form.name) };
      return files.length === 0 ? [{ ...base, fileName: null, url: null }] : files.map((f) => ({ ...base, fileName: readText(f.filename) ?? readText(f.name), url: readText(f.url) ?? readText(f.path) }));
    }),
    resultPapers: readList(r.attachment).map((item) => {
      const a = readObject(item);
      return { code: readText(a.code), name: readText(a.name), fileName: readText(a.filename), url: readText(a.url) ?? readText(a.path) };
    }),
  };
}

function mapIgateTask(raw: unknown): DossierStepRecord {
  const t = readObject(raw);
  const assignee = readObject(t.assignee);
  const group = readObject(readList(t.candidateGroup)[0]);
  return {
    handler: readText(assignee.fullname),
    position: readText(readObject(assignee.position).name),
    department: vietnameseName(group.name),
    content: vietnameseName(t.name),
    status: vietnameseName(readObject(t.status).name) ?? readText(readObject(t.status).id),
    startedAt: readVietnamDateTime(t.createdDate),
    finishedAt: readVietnamDateTime(t.completedDate),
    dueAt: readVietnamDateTime(t.dueDate),
  };
}

/** The Vietnamese name from `[{languageId, name}]` (in any order), else the first name, else a plain string. */
export function vietnameseName(value: unknown): string | null {
  if (!Array.isArray(value)) return readText(value);
  const entries = value.map(readObject);
  const vi = entries.find((e) => readNumber(e.languageId) === VIETNAMESE);
  return readText((vi ?? entries[0])?.name);
}

function joinAddress(data: Record<string, unknown>): string | null {
  const parts = [readText(data.address), readText(readObject(data.village).label), readText(readObject(data.district).label), readText(readObject(data.province).label)].filter(
    (p): p is string => p !== null,
  );
  return parts.length === 0 ? null : parts.join(', ');
}
