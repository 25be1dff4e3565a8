import { createSeededRandom, type SeededRandom } from '../kit';
import { buildApplicant, organisationName } from './build-applicant';
import { fileUrl, slug, uploadName } from './build-papers';
import { buildSteps } from './build-steps';
import type { DossierCore } from './draw-core';
import type { GenerationContext } from './generation-context';
import { indexSeed } from './index-seed';
import { pickPerson } from './people';
import type { ProcedureProfile } from './procedure-profile';
import type { ApplicantType, Channel, Dossier, ResultDelivery } from './types';
import { formatVnIso } from './vn-time';

/**
 * The whole dossier from its core and its code: applicant, organisation, officers,
 * steps, fees and papers, drawn from a stream of its own so the core stays cheap.
 */
export function buildDossier(core: DossierCore, code: string, context: GenerationContext): Dossier {
  const random = createSeededRandom(indexSeed(context.detailKey, core.index));
  const { profile, agency, agencyLevel, channel, status } = core;
  const person = pickPerson(random);
  const applicant = buildApplicant(person, core.submittedAt, agency, context.directory, random);
  const applicantType = pickApplicantType(profile, random);
  const organizationName = applicantType === 1 ? null : organisationName(applicantType, person.fullName, applicant.address, random);
  const staff = context.staffOf(agency.MADONVI, agencyLevel);
  const accepter = core.receivedAt === null ? null : random.pick(staff.reception);
  const steps = buildSteps(
    {
      status, channel, awaitingExtension: core.awaitingExtension, applicantName: person.fullName, processingDays: profile.processingDays, family: profile.family, staff, accepter,
      submittedAt: core.submittedAt, receivedAt: core.receivedAt, finishedAt: core.finishedAt, returnedAt: core.returnedAt, lastActivity: core.lastActivity,
    },
    random,
  );
  const iso = (ms: number | null): string | null => (ms === null ? null : formatVnIso(ms));
  const { procedure } = profile;
  return {
    code,
    receiptNumber: code,
    procedureCode: core.procedureCode,
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
    awaitingExtension: core.awaitingExtension,
    submittedAt: formatVnIso(core.submittedAt),
    receivedAt: iso(core.receivedAt),
    appointmentAt: iso(core.appointmentAt),
    finishedAt: iso(core.finishedAt),
    returnedAt: iso(core.returnedAt),
    updatedAt: formatVnIso(core.updatedAt),
    steps,
    fees: profile.fees.map((fee) => ({ ...fee })),
    submittedPapers: profile.papers.map((paper, paperIndex) => {
      const fileName = uploadName(paper.name, channel, paperIndex, core.submittedAt, random);
      return { code: paper.code, name: paper.name, fileName, url: fileUrl(context.fileHost, core.submittedAt, fileName, random) };
    }),
    resultPapers: status === 9 || status === 10 ? [resultPaper(profile, code, core.finishedAt as number, context, random)] : [],
  };
}

/** The result document of a processed dossier: named after its code, stored when processing ended. */
export function resultPaper(profile: ProcedureProfile, code: string, finishedAt: number, context: GenerationContext, random: SeededRandom): Dossier['resultPapers'][number] {
  return { code: 'KQ01', name: profile.resultName, fileName: `${slug(profile.resultName)}_${code.replace(/\./g, '')}.pdf`, url: fileUrl(context.fileHost, finishedAt, '.pdf', random) };
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

function summarise(profile: ProcedureProfile, owner: string, random: SeededRandom): string {
  const base = `${profile.procedure.name} - ${owner}`;
  if (profile.family === 'land' && random.chance(0.6)) {
    return `${base} (thửa đất số ${random.int(1, 900)}, tờ bản đồ số ${random.int(1, 60)}, diện tích ${random.int(40, 900)},${random.int(0, 9)} m²)`;
  }
  if (random.chance(0.03)) return `${base} (nộp lại lần 2: bổ sung "tờ khai" & giấy ủy quyền <bản chính>)`;
  return base;
}
