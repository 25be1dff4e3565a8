import type { RawAgency } from '../national-procedures/types';
import { createSeededRandom, type SeededRandom } from '../kit';
import { buildSteps } from './build-steps';
import { drawTimeline } from './draw-timeline';
import { buildApplicant, organisationName } from './build-applicant';
import { fileUrl, slug, uploadName } from './build-papers';
import { hashString } from './object-id';
import { pickPerson } from './people';
import { profileProcedure, type ProcedureProfile } from './procedure-profile';
import { readProvinceDirectory, type ProvinceDirectory } from './province-directory';
import { createStaffDirectory } from './staff-directory';
import { toSlug } from './to-slug';
import type { ApplicantType, Channel, Dossier, GenerateDossiersOptions, NationalStatus, ResultDelivery } from './types';
import { DAY_MS, formatCodeDay, formatVnIso } from './vn-time';

/** "Now" of the data unless the caller says otherwise, so that data never depends on the clock. */
export const DEFAULT_NOW = new Date('2026-11-01T09:00:00+07:00');

/** Share of each national status (per mille): most dossiers are long done and returned. */
const STATUS_WEIGHTS: ReadonlyArray<[NationalStatus, number]> = [
  [10, 780], [9, 55], [4, 50], [2, 12], [5, 15], [6, 8], [3, 12], [7, 13], [8, 8], [1, 7],
];

/** The provincial department that implements each ministry's procedures, by the start of its name. */
const DEPARTMENT_OF_MINISTRY: Readonly<Record<string, string>> = {
  G02: 'Sở Công Thương', G03: 'Sở Giáo dục', G04: 'Sở Giao thông', G05: 'Sở Kế hoạch', G06: 'Sở Khoa học', G07: 'Sở Lao động',
  G09: 'Sở Nội vụ', G10: 'Sở Nông nghiệp', G12: 'Sở Tài chính', G13: 'Sở Tài nguyên', G14: 'Sở Thông tin', G15: 'Sở Tư pháp',
  G16: 'Sở Văn hóa', G17: 'Sở Xây dựng', G18: 'Sở Y tế',
};

/**
 * The dossiers of one province's one-stop system: pure and seeded, the same list for the
 * same options on every machine. Sorted by reception (submission when never received),
 * then code. Each dossier's code is `{agency}-{yyMMdd}-{nnnn}`, numbered per agency and
 * submission day in submission order. Throws when the province or its districts are not
 * in `agencies` or `procedures` is empty.
 */
export function generateDossiers({ seed, provinceCode, agencies, procedures, count = 20000, now = DEFAULT_NOW }: GenerateDossiersOptions): Dossier[] {
  if (procedures.length === 0) throw new Error('generateDossiers: `procedures` is empty; pass at least one procedure of the national catalogue');
  if (!Number.isInteger(count) || count < 0) throw new Error(`generateDossiers: \`count\` must be a non-negative integer, got ${String(count)}`);
  const directory = readProvinceDirectory(agencies, provinceCode);
  const random = createSeededRandom(hashString(`${seed}|dossiers|${provinceCode}`));
  const profiles = procedures.map((procedure) => profileProcedure(procedure, seed));
  const staffOf = createStaffDirectory(seed);
  const nowMs = now.getTime();
  const since = nowMs - 3 * 365 * DAY_MS;
  const fileHost = `https://dichvucong.${toSlug(directory.provincePlace.replace(/^(tỉnh|thành phố)\s+/i, '')).replace(/-/g, '')}.gov.vn`;

  const drafts: Draft[] = [];
  for (let index = 0; index < count; index++) {
    drafts.push(draftDossier({ index, seed, random, profiles, directory, staffOf, nowMs, since, fileHost }));
  }

  // Codes: per agency and submission day, numbered in submission order.
  const bySubmission = [...drafts].sort((a, b) => a.submittedAt - b.submittedAt || a.index - b.index);
  const sequences = new Map<string, number>();
  for (const draft of bySubmission) {
    const key = `${draft.dossier.agencyCode}-${formatCodeDay(draft.submittedAt)}`;
    const next = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, next);
    draft.dossier.code = `${key}-${String(next).padStart(4, '0')}`;
    draft.dossier.receiptNumber = draft.dossier.code;
  }
  return drafts
    .sort((a, b) => a.listedAt - b.listedAt || (a.dossier.code < b.dossier.code ? -1 : 1))
    .map((draft) => finishPapers(draft.dossier));
}

interface Draft {
  index: number;
  submittedAt: number;
  /** Reception, or submission when never received: the order of listings. */
  listedAt: number;
  dossier: Dossier;
}

interface DraftContext {
  index: number;
  seed: number;
  random: SeededRandom;
  profiles: readonly ProcedureProfile[];
  directory: ProvinceDirectory;
  staffOf: ReturnType<typeof createStaffDirectory>;
  nowMs: number;
  since: number;
  fileHost: string;
}

function draftDossier({ index, seed, random, profiles, directory, staffOf, nowMs, since, fileHost }: DraftContext): Draft {
  const profile = random.pick(profiles);
  const { procedure } = profile;
  const level = pickLevel(profile, random);
  const agency = pickAgency(level, profile, directory, random);
  const agencyLevel = level;
  let status = pickStatus(random);
  if (profile.serviceLevel === 2 && (status === 1 || status === 3)) status = 10;
  const awaitingExtension = status === 4 && random.chance(0.2);
  const timeline = drawTimeline({ status, processingDays: profile.processingDays, awaitingExtension, now: nowMs, since }, random);

  const anchor = timeline.receivedAt ?? (timeline.submittedAt as number);
  const trend = Math.min(1, Math.max(0, (anchor - since) / (nowMs - since)));
  const channel: Channel = status === 1 || status === 3 ? 2 : pickChannel(profile.serviceLevel, trend, random);
  const submittedAt = timeline.submittedAt ?? (channel === 2 ? (timeline.receivedAt as number) - onlineWait(random) : (timeline.receivedAt as number));

  const person = pickPerson(random);
  const applicant = buildApplicant(person, submittedAt, agency, directory, random);
  const applicantType = pickApplicantType(profile, random);
  const organizationName = applicantType === 1 ? null : organisationName(applicantType, person.fullName, applicant.address, random);

  const staff = staffOf(agency.MADONVI, agencyLevel);
  const accepter = timeline.receivedAt === null ? null : random.pick(staff.reception);
  const steps = buildSteps(
    {
      status, channel, awaitingExtension, applicantName: person.fullName, processingDays: profile.processingDays, family: profile.family, staff, accepter,
      submittedAt, receivedAt: timeline.receivedAt, finishedAt: timeline.finishedAt, returnedAt: timeline.returnedAt, now: nowMs,
    },
    random,
  );
  const instants = [submittedAt, timeline.receivedAt, timeline.finishedAt, timeline.returnedAt, ...steps.flatMap((step) => [step.start, step.end])];
  const updatedAt = Math.max(...instants.filter((value): value is number => value !== null));
  const variant = localVariant(procedure.code, agency.MADONVI, directory.provinceCode, seed);
  const iso = (ms: number | null): string | null => (ms === null ? null : formatVnIso(ms));

  const dossier: Dossier = {
    code: '',
    receiptNumber: '',
    procedureCode: variant,
    nationalProcedureCode: procedure.code,
    procedureName: procedure.name,
    sectorCode: procedure.sectorCode,
    sectorName: procedure.sectorName,
    serviceLevel: profile.serviceLevel,
    processingDays: profile.processingDays,
    summary: summarise(profile, organizationName ?? person.fullName, random),
    applicant,
    applicantType,
    organizationName,
    agencyCode: agency.MADONVI,
    agencyName: agency.TENDONVI,
    agencyLevel,
    accepter: accepter?.name ?? null,
    channel,
    resultDelivery: pickDelivery(channel, profile.serviceLevel, random),
    paymentMethod: profile.fees.length === 0 ? null : channel === 2 && random.chance(0.7) ? 'online' : 'direct',
    status,
    awaitingExtension,
    submittedAt: formatVnIso(submittedAt),
    receivedAt: iso(timeline.receivedAt),
    appointmentAt: iso(timeline.appointmentAt),
    finishedAt: iso(timeline.finishedAt),
    returnedAt: iso(timeline.returnedAt),
    updatedAt: formatVnIso(updatedAt),
    steps: steps.map((step) => ({ ...step, start: formatVnIso(step.start), end: iso(step.end), deadlineByRule: iso(step.deadlineByRule) })),
    fees: profile.fees.map((fee) => ({ ...fee })),
    submittedPapers: profile.papers.map((paper, paperIndex) => {
      const fileName = uploadName(paper.name, channel, paperIndex, submittedAt, random);
      return { code: paper.code, name: paper.name, fileName, url: fileUrl(fileHost, submittedAt, fileName, random) };
    }),
    resultPapers: status === 9 || status === 10
      ? [{ code: 'KQ01', name: profile.resultName, fileName: '', url: fileUrl(fileHost, timeline.finishedAt as number, '.pdf', random) }]
      : [],
  };
  return { index, submittedAt, listedAt: timeline.receivedAt ?? submittedAt, dossier };
}

/** Result files are named after the code, known only once codes are numbered. */
function finishPapers(dossier: Dossier): Dossier {
  for (const paper of dossier.resultPapers) paper.fileName = `${slug(paper.name)}_${dossier.code.replace(/\./g, '')}.pdf`;
  return dossier;
}

function pickStatus(random: SeededRandom): NationalStatus {
  let point = random.int(0, 999);
  for (const [status, weight] of STATUS_WEIGHTS) {
    point -= weight;
    if (point < 0) return status;
  }
  return 10;
}

function pickLevel({ levelWeights: [department, district] }: ProcedureProfile, random: SeededRandom): 1 | 2 | 3 {
  const point = random.next();
  return point < department ? 1 : point < department + district ? 2 : 3;
}

function pickAgency(level: 1 | 2 | 3, profile: ProcedureProfile, directory: ProvinceDirectory, random: SeededRandom): RawAgency {
  if (level === 1 && directory.departments.length > 0) {
    // A procedure is handled by the department of its ministry (by the sector code's `Gxx`), else by one picked once.
    const prefix = DEPARTMENT_OF_MINISTRY[profile.procedure.sectorCode.slice(0, 3)];
    const own = prefix ? directory.departments.find((department) => department.TENDONVI.startsWith(prefix)) : undefined;
    return own ?? (directory.departments[hashString(profile.procedure.code) % directory.departments.length] as RawAgency);
  }
  // The first district is the provincial capital: more people, more dossiers.
  const district = random.chance(0.12) ? (directory.districts[0] as RawAgency) : random.pick(directory.districts);
  const communes = directory.communes.get(district.MADONVI) ?? [];
  return level === 3 && communes.length > 0 ? random.pick(communes) : district;
}

/** Online share grows from about 40% to 70% over the three years, for services of level 3 and 4. */
function pickChannel(serviceLevel: 2 | 3 | 4, trend: number, random: SeededRandom): Channel {
  const point = random.next();
  if (serviceLevel === 2) return point < 0.07 ? 3 : 1;
  const online = 0.45 + 0.3 * trend;
  return point < online ? 2 : point < online + 0.05 ? 3 : 1;
}

function pickDelivery(channel: Channel, serviceLevel: 2 | 3 | 4, random: SeededRandom): ResultDelivery {
  if (channel === 3) return 2;
  const point = random.next();
  if (channel === 2 && serviceLevel === 4) return point < 0.45 ? 3 : point < 0.7 ? 2 : 1;
  return point < 0.82 ? 1 : 2;
}

function pickApplicantType(profile: ProcedureProfile, random: SeededRandom): ApplicantType {
  const point = random.next();
  if (profile.family === 'business') return point < 0.5 ? 2 : point < 0.95 ? 1 : 4;
  return point < 0.92 ? 1 : point < 0.96 ? 2 : point < 0.98 ? 4 : 3;
}

/** Minutes to days between an online submission and its acceptance at the desk. */
function onlineWait(random: SeededRandom): number {
  return random.chance(0.7) ? random.int(10, 20 * 60) * 60_000 : random.int(24 * 60, 72 * 60) * 60_000;
}

/** About one (procedure, agency) pair in five is configured under a local variant code. */
function localVariant(code: string, agencyCode: string, provinceCode: string, seed: number): string {
  const hash = hashString(`${seed}|variant|${code}|${agencyCode}`);
  if (hash % 100 >= 20) return code;
  return hash % 2 === 0 ? `${code}.000.00.00.${provinceCode}` : `${code}.${provinceCode}`;
}

function summarise(profile: ProcedureProfile, owner: string, random: SeededRandom): string {
  const base = `${profile.procedure.name} - ${owner}`;
  if (profile.family === 'land' && random.chance(0.6)) {
    return `${base} (thửa đất số ${random.int(1, 900)}, tờ bản đồ số ${random.int(1, 60)}, diện tích ${random.int(40, 900)},${random.int(0, 9)} m²)`;
  }
  if (random.chance(0.03)) return `${base} (nộp lại lần 2: bổ sung "tờ khai" & giấy ủy quyền <bản chính>)`;
  return base;
}

