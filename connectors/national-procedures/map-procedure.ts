import { parseAdministrativeLevel, type AdministrativeLevel } from '../../src/domain';
import type {
  ChannelKind,
  CodeName,
  FeeRecord,
  LegalDocumentRecord,
  PaperRecord,
  ProcedureChannelRecord,
  ProcedureRecord,
} from '../../src/domain/procedure';
import { readAmount, readDate, readList, readNumber, readObject, readText } from '../kit';

const CHANNELS: Record<string, ChannelKind> = { '1': 'IN_PERSON', '2': 'ONLINE', '3': 'POSTAL' };

/**
 * Maps one `LayThuTuc` record (UPPERCASE keys, every value a string, empty strings and
 * missing lists for "none") to the gateway's ProcedureRecord. Returns null when the record
 * has no procedure code, the one field nothing can be done without.
 */
export function mapProcedure(raw: unknown): ProcedureRecord | null {
  const r = readObject(raw);
  const code = readText(r.MATTHC);
  if (code === null) return null;
  const levels = readList(r.CAPTHUCHIEN)
    .map((item) => parseAdministrativeLevel(readObject(item).CAPTHUCHIEN))
    .filter((level): level is AdministrativeLevel => level !== null);
  return {
    code,
    name: readText(r.TENTTHC) ?? code,
    typeCode: readNumber(r.LOAITTHC),
    published: readText(r.TRANGTHAI) === '1',
    publishingAgencyCode: readText(r.MACOQUANCONGBO),
    decision: readText(r.IDQUYETDINHCONGBO) || readText(r.QUYETDINH) ? { id: readText(r.IDQUYETDINHCONGBO), text: readText(r.QUYETDINH) } : null,
    levels: [...new Set(levels)],
    sectors: codeNames(r.LINHVUCTHUCHIEN, 'MALINHVUC', 'TENLINHVUC'),
    requirements: readText(r.YEUCAU),
    keywords: readText(r.TUKHOA),
    description: readText(r.MOTA),
    applicantDescription: readText(r.MOTADOITUONGTHUCHIEN),
    implementingAgencyDescription: readText(r.MOTACOQUANTHUCHIEN),
    competentAgencyDescription: readText(r.MOTACOQUANTHAMQUYEN),
    receivingAddress: readText(r.DIACHITIEPNHAN),
    steps: readList(r.TRINHTUTHUCHIEN).map((item) => {
      const c = readObject(item);
      return {
        case: readText(c.TRUONGHOP),
        steps: readList(c.TRINHTU)
          .map((step) => readText(readObject(step).TENTRINHTU))
          .filter((step): step is string => step !== null),
      };
    }),
    channels: readList(r.CACHTHUCTHUCHIEN).map(mapChannel),
    applicantTypes: codeNames(r.DOITUONGTHUCHIEN, 'MADOITUONG', 'TENDOITUONG'),
    requiredPapers: readList(r.THANHPHANHOSO).map((item) => {
      const c = readObject(item);
      return { case: readText(c.TRUONGHOP), papers: readList(c.GIAYTO).map(mapPaper) };
    }),
    results: readList(r.KETQUATHUCHIEN).map((item) => {
      const k = readObject(item);
      return { code: readText(k.MAKETQUA), name: readText(k.TENKETQUA), fileName: readText(k.TENTEP), url: readText(k.URL) };
    }),
    legalBasis: readList(r.CANCUPHAPLY).map(mapLegalDocument),
    implementingAgencies: codeNames(r.COQUANTHUCHIEN, 'MADONVI', 'TENDONVI'),
    competentAgencies: codeNames(r.COQUANCOTHAMQUYEN, 'MADONVI', 'TENDONVI'),
    authorizedAgencies: codeNames(r.COQUANDUOCUYQUYEN, 'MADONVI', 'TENDONVI'),
    coordinatingAgencies: codeNames(r.COQUANPHOIHOP, 'MADONVI', 'TENDONVI'),
    relatedProcedures: codeNames(r.TTHCLIENQUAN, 'MATTHC', 'TENTTHC'),
    interconnectedProcedures: codeNames(r.TTHCLIENTHONG, 'MATTHC', 'TENTTHC'),
  };
}

function mapChannel(item: unknown): ProcedureChannelRecord {
  const c = readObject(item);
  const code = readText(c.KENH);
  return {
    channel: code === null ? null : (CHANNELS[code] ?? null),
    channelCode: readNumber(code),
    timeLimits: readList(c.THOIGIAN).map((t) => {
      const tl = readObject(t);
      return {
        duration: readNumber(tl.THOIGIANGIAIQUYET),
        unit: readText(tl.DONVITINH),
        description: readText(tl.MOTA),
        fees: readList(tl.PHILEPHI).map(mapFee),
      };
    }),
  };
}

function mapFee(item: unknown): FeeRecord {
  const f = readObject(item);
  return {
    code: readText(f.MAPHILEPHI),
    amount: readAmount(f.SOTIEN),
    currency: readText(f.DONVI),
    description: readText(f.MOTA),
    fileName: readText(f.TENTEP),
    url: readText(f.URL),
  };
}

function mapPaper(item: unknown): PaperRecord {
  const p = readObject(item);
  return {
    code: readText(p.MAGIAYTO),
    name: readText(p.TENGIAYTO),
    formName: readText(p.TENMAUDON),
    formUrl: readText(p.URL),
    originals: readNumber(p.SOBANCHINH),
    copies: readNumber(p.SOBANSAO),
    replacedByResultCode: readText(p.MA_KQ_THAYTHE),
  };
}

function mapLegalDocument(item: unknown): LegalDocumentRecord {
  const l = readObject(item);
  return {
    number: readText(l.SOVANBAN),
    title: readText(l.TENVANBAN),
    issuedOn: readDate(l.NGAYBANHANH),
    effectiveOn: readDate(l.NGAYHIEULUC),
    issuer: readText(l.COQUANBANHANH),
    url: readText(l.DIACHITRUYCAP),
  };
}

/** `[{<codeKey>, <nameKey>}]` → CodeName[], dropping entries without a code and duplicates. */
function codeNames(value: unknown, codeKey: string, nameKey: string): CodeName[] {
  const seen = new Set<string>();
  const out: CodeName[] = [];
  for (const item of readList(value)) {
    const o = readObject(item);
    const code = readText(o[codeKey]);
    if (code === null || seen.has(code)) continue;
    seen.add(code);
    out.push({ code, name: readText(o[nameKey]) });
  }
  return out;
}
