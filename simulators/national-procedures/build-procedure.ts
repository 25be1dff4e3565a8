import type { SeededRandom } from '../kit';
import type { AgencyIndex } from './agency-index';
import { buildChannels } from './build-channels';
import { buildPapers } from './build-papers';
import { buildSteps } from './build-steps';
import type { ApplicantKind, Level, SectorTemplate } from './catalogue';
import type { SectorDocuments } from './generate-sector-documents';
import { lowerFirst } from './lower-first';
import { pickAgencies } from './pick-agencies';
import type { RawAgency, RawAgencyRef, RawApplicantType, RawLegalBasis, RawProcedure } from './types';

/** What to publish: the generator decides these, buildProcedure fills in the rest. */
export interface ProcedureSpec {
  code: string;
  name: string;
  result: string;
  sector: SectorTemplate;
  levels: readonly Level[];
  /** Province group (`H41`) whose units implement a level 1–3 procedure; random if absent. */
  province?: string;
}

export interface BuildContext {
  random: SeededRandom;
  agencies: AgencyIndex;
  documents: ReadonlyMap<string, SectorDocuments>;
  /** Unique numeric strings for IDs of records, papers and files. */
  nextId(): string;
  /** Unique result code per ministry, e.g. `KQ.G15.000123`. */
  nextResultCode(ministry: string): string;
  /** Unique fee code, e.g. `LP000042` (our reading of MAPHILEPHI). */
  nextFeeCode(): string;
}

const LEVEL_NAMES: Readonly<Record<Level, string>> = { 0: 'Cấp Bộ', 1: 'Cấp Tỉnh', 2: 'Cấp Huyện', 3: 'Cấp Xã' };

/** MADOITUONG codes (our reading: the national list's shape, the numbering is ours). */
const APPLICANT_TYPES: Readonly<Record<ApplicantKind, readonly RawApplicantType[]>> = {
  citizen: [{ MADOITUONG: '1', TENDOITUONG: 'Công dân Việt Nam' }],
  foreigner: [
    { MADOITUONG: '2', TENDOITUONG: 'Người Việt Nam định cư ở nước ngoài' },
    { MADOITUONG: '3', TENDOITUONG: 'Người nước ngoài' },
  ],
  business: [
    { MADOITUONG: '4', TENDOITUONG: 'Doanh nghiệp' },
    { MADOITUONG: '9', TENDOITUONG: 'Doanh nghiệp có vốn đầu tư nước ngoài' },
  ],
  cooperative: [{ MADOITUONG: '5', TENDOITUONG: 'Hợp tác xã' }],
  organisation: [{ MADOITUONG: '6', TENDOITUONG: 'Tổ chức (không bao gồm doanh nghiệp, HTX)' }],
  official: [{ MADOITUONG: '7', TENDOITUONG: 'Cán bộ, công chức, viên chức' }],
};

const REQUIREMENTS = [
  'Không',
  'Người yêu cầu phải có năng lực hành vi dân sự đầy đủ.',
  'Hồ sơ phải được nộp trong thời hạn theo quy định của pháp luật.',
  'Tổ chức, cá nhân đáp ứng đầy đủ các điều kiện theo quy định của pháp luật chuyên ngành.',
];

/**
 * Builds one full, clean record: every key of docs/sources.md §1, every scalar a
 * string, every agency and sector reference taken from the served lists. Related
 * procedures (TTHCLIENQUAN, TTHCLIENTHONG) start empty; the generator links them once
 * every code exists.
 */
export function buildProcedure(spec: ProcedureSpec, ctx: BuildContext): RawProcedure {
  const { random } = ctx;
  const { sector } = spec;
  const docs = ctx.documents.get(sector.code);
  if (!docs) throw new Error(`no documents generated for sector ${sector.code}`);
  const agencies = pickAgencies(ctx.agencies, sector, spec.levels, random, spec.province);
  const competentNames = agencies.competent.map((a) => a.TENDONVI).join('; ');
  const [primary, ...others] = sector.applicants as [ApplicantKind, ...ApplicantKind[]];
  const applicants = [primary, ...random.sample(others, random.int(0, others.length))].flatMap((kind) => APPLICANT_TYPES[kind]);
  const channels = buildChannels(sector, random.pick(sector.days), random, ctx.nextFeeCode);
  const charges = channels.some((c) => (c.THOIGIAN ?? []).some((t) => (t.PHILEPHI ?? []).length > 0));
  const decision = random.pick(docs.decisions);
  const basis: RawLegalBasis[] = [docs.law, ...(docs.decree === docs.law ? [] : [docs.decree])];
  if (random.chance(0.6)) basis.push(docs.circular);
  if (charges) basis.push(docs.feeCircular);

  return {
    ID: ctx.nextId(),
    MATTHC: spec.code,
    TENTTHC: spec.name,
    MACOQUANCONGBO: (ctx.agencies.ministries.get(sector.ministry) as RawAgency).MADONVI,
    LOAITTHC: random.chance(0.85) ? '1' : random.pick(['2', '3']),
    TRANGTHAI: '1',
    IDQUYETDINHCONGBO: decision.id,
    QUYETDINH: decision.number,
    YEUCAU: random.pick(REQUIREMENTS),
    TUKHOA: random.chance(0.8) ? `${sector.name.toLowerCase()}, ${spec.name.toLowerCase().split(' ').slice(0, 4).join(' ')}` : '',
    MOTA: random.chance(0.3) ? `Thủ tục ${lowerFirst(spec.name)} thuộc lĩnh vực ${sector.name}.` : '',
    MOTADOITUONGTHUCHIEN: applicants.map((a) => a.TENDOITUONG).join(', '),
    MOTACOQUANTHUCHIEN: agencies.implementing.map((a) => a.TENDONVI).join('; '),
    MOTACOQUANTHAMQUYEN: competentNames,
    DIACHITIEPNHAN: agencies.receivingPlace,
    CAPTHUCHIEN: spec.levels.map((level) => ({ CAPTHUCHIEN: String(level), TENCAP: LEVEL_NAMES[level] })),
    LINHVUCTHUCHIEN: [{ MALINHVUC: sector.code, TENLINHVUC: sector.name }],
    TRINHTUTHUCHIEN: buildSteps(agencies.receivingPlace, competentNames, spec.result, random),
    CACHTHUCTHUCHIEN: channels,
    DOITUONGTHUCHIEN: applicants,
    THANHPHANHOSO: buildPapers(spec.name, sector, random, ctx.nextId),
    KETQUATHUCHIEN: [{ MAKETQUA: ctx.nextResultCode(sector.ministry), TENKETQUA: spec.result, TENTEP: '', URL: '' }],
    CANCUPHAPLY: basis.map((doc) => ({ ...doc })),
    COQUANTHUCHIEN: agencies.implementing.map(toRef),
    COQUANCOTHAMQUYEN: agencies.competent.map(toRef),
    COQUANDUOCUYQUYEN: agencies.delegated.map(toRef),
    COQUANPHOIHOP: agencies.cooperating.map(toRef),
    TTHCLIENQUAN: [],
    TTHCLIENTHONG: [],
  };
}

function toRef({ MADONVI, TENDONVI }: RawAgency): RawAgencyRef {
  return { MADONVI, TENDONVI };
}
