import type { RawAgency } from '../national-procedures/types';
import { createSeededRandom, type SeededRandom } from '../kit';
import { drawTimeline, isOfficeHours, type Timeline } from './draw-timeline';
import type { GenerationContext } from './generation-context';
import { indexSeed } from './index-seed';
import type { ListingSlot } from './listing-timeline';
import { hashString } from './object-id';
import type { ProcedureProfile } from './procedure-profile';
import type { ProvinceDirectory } from './province-directory';
import type { Channel } from './types';

/**
 * What listings filter and sort on, for dossier `index` as generated: its procedure,
 * agency, channel, status and instants. Cheap (a few dozen draws), so a listing can
 * examine many dossiers without building them whole.
 */
export interface DossierCore extends Timeline {
  index: number;
  slot: ListingSlot;
  /** Reception, or submission when never received. */
  listedAt: number;
  profile: ProcedureProfile;
  agency: RawAgency;
  agencyLevel: 1 | 2 | 3;
  /** The procedure code as the province records it (a local variant for some agencies). */
  procedureCode: string;
  channel: Channel;
}

/** The provincial department that implements each ministry's procedures, by the start of its name. */
const DEPARTMENT_OF_MINISTRY: Readonly<Record<string, string>> = {
  G02: 'Sở Công Thương', G03: 'Sở Giáo dục', G04: 'Sở Giao thông', G05: 'Sở Kế hoạch', G06: 'Sở Khoa học', G07: 'Sở Lao động',
  G09: 'Sở Nội vụ', G10: 'Sở Nông nghiệp', G12: 'Sở Tài chính', G13: 'Sở Tài nguyên', G14: 'Sở Thông tin', G15: 'Sở Tư pháp',
  G16: 'Sở Văn hóa', G17: 'Sở Xây dựng', G18: 'Sở Y tế',
};

/** Where a dossier was lodged: the first draws of its core, enough to order by code. */
interface Placement {
  slot: ListingSlot;
  listedAt: number;
  receivedOnArrival: boolean;
  onlineOnly: boolean;
  profile: ProcedureProfile;
  agencyLevel: 1 | 2 | 3;
  agency: RawAgency;
}

function drawPlacement(index: number, context: GenerationContext, random: SeededRandom): Placement {
  const { timeline } = context;
  const slot = timeline.slotOf(index);
  const listedAt = timeline.listedAt(index);
  const receivedOnArrival = slot === 'arrival' && isOfficeHours(listedAt) && random.chance(0.4);
  const onlineOnly = slot === 'pending' || slot === 'refused' || (slot === 'arrival' && !receivedOnArrival);
  const profile = random.pick(onlineOnly && context.onlineProfiles.length > 0 ? context.onlineProfiles : context.profiles);
  const agencyLevel = pickLevel(profile, random);
  return { slot, listedAt, receivedOnArrival, onlineOnly, profile, agencyLevel, agency: pickAgency(agencyLevel, profile, context.directory, random) };
}

/** The agency that handles dossier `index` (its code starts with it), a fraction of the cost of the core. */
export function drawAgency(index: number, context: GenerationContext): RawAgency {
  return drawPlacement(index, context, createSeededRandom(indexSeed(context.coreKey, index))).agency;
}

/** Dossier `index`'s core: a pure function of the seed, the province and the index. */
export function drawCore(index: number, context: GenerationContext): DossierCore {
  const { timeline, directory, now, since } = context;
  const random = createSeededRandom(indexSeed(context.coreKey, index));
  const { slot, listedAt, receivedOnArrival, onlineOnly, profile, agencyLevel, agency } = drawPlacement(index, context, random);
  const trend = Math.min(1, Math.max(0, (listedAt - since) / (now - since)));
  const channel: Channel = onlineOnly ? 2 : slot === 'arrival' ? (random.chance(0.07) ? 3 : 1) : pickChannel(profile.serviceLevel, trend, random);
  const drawn = drawTimeline(
    {
      slot, listedAt, channel, receivedOnArrival, processingDays: profile.processingDays, hasFees: profile.fees.length > 0, now,
      lastOffice: { start: timeline.lastOfficeStart, end: timeline.lastOfficeEnd },
    },
    random,
  );
  return {
    index,
    slot,
    listedAt,
    profile,
    agency,
    agencyLevel,
    procedureCode: localVariant(profile.procedure.code, agency.MADONVI, directory.provinceCode, context.seed),
    channel,
    status: drawn.status,
    awaitingExtension: drawn.awaitingExtension,
    submittedAt: drawn.submittedAt,
    receivedAt: drawn.receivedAt,
    appointmentAt: drawn.appointmentAt,
    finishedAt: drawn.finishedAt,
    returnedAt: drawn.returnedAt,
    lastActivity: drawn.lastActivity,
    updatedAt: drawn.updatedAt,
  };
}

function pickLevel({ levelWeights: [department, district] }: ProcedureProfile, random: SeededRandom): 1 | 2 | 3 {
  const point = random.next();
  return point < department ? 1 : point < department + district ? 2 : 3;
}

/** A department (by the ministry of the sector), a district (the capital more often) or one of its communes. Never the provincial committee. */
function pickAgency(level: 1 | 2 | 3, profile: ProcedureProfile, directory: ProvinceDirectory, random: SeededRandom): RawAgency {
  if (level === 1 && directory.departments.length > 0) {
    const prefix = DEPARTMENT_OF_MINISTRY[profile.procedure.sectorCode.slice(0, 3)];
    const own = prefix ? directory.departments.find((department) => department.TENDONVI.startsWith(prefix)) : undefined;
    return own ?? (directory.departments[hashString(profile.procedure.code) % directory.departments.length] as RawAgency);
  }
  // The first district is the provincial capital: more people, more dossiers.
  const district = random.chance(0.12) ? (directory.districts[0] as RawAgency) : random.pick(directory.districts);
  const communes = directory.communes.get(district.MADONVI) ?? [];
  return level === 3 && communes.length > 0 ? random.pick(communes) : district;
}

/** Online share grows from about 45% to 75% over the three years, for services of level 3 and 4; level 2 is never online. */
function pickChannel(serviceLevel: 2 | 3 | 4, trend: number, random: SeededRandom): Channel {
  const point = random.next();
  if (serviceLevel === 2) return point < 0.07 ? 3 : 1;
  const online = 0.45 + 0.3 * trend;
  return point < online ? 2 : point < online + 0.05 ? 3 : 1;
}

const variants = new Map<string, string>();

/** About one (procedure, agency) pair in five is configured under a local variant code. */
function localVariant(code: string, agencyCode: string, provinceCode: string, seed: number): string {
  const key = `${seed}|${code}|${agencyCode}`;
  let variant = variants.get(key);
  if (variant === undefined) {
    const hash = hashString(`${seed}|variant|${code}|${agencyCode}`);
    variant = hash % 100 >= 20 ? code : hash % 2 === 0 ? `${code}.000.00.00.${provinceCode}` : `${code}.${provinceCode}`;
    if (variants.size >= 100_000) variants.clear();
    variants.set(key, variant);
  }
  return variant;
}
