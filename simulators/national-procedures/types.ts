/**
 * The records of the national procedure database exactly as its adapter serves them
 * (docs/sources.md §1): UPPERCASE keys, every scalar a string. A nested array may be
 * missing or `null` in a few records, as in the real feed, hence `?: … | null`.
 */

export interface RawAgency {
  /** Agency code `L4.L3.L2.L1`, e.g. `000.00.53.H48`. */
  MADONVI: string;
  TENDONVI: string;
  /** `"0"` central, `"1"` province, `"2"` district, `"3"` commune. */
  CAPDONVI: string;
}

export interface RawSector {
  MALINHVUC: string;
  TENLINHVUC: string;
}

export interface RawAgencyRef {
  MADONVI: string;
  TENDONVI: string;
}

export interface RawProcedureRef {
  MATTHC: string;
  TENTTHC: string;
}

export interface RawLevel {
  CAPTHUCHIEN: string;
  TENCAP: string;
}

export interface RawStep {
  TENTRINHTU: string;
}

export interface RawCaseSteps {
  TRUONGHOP: string;
  TRINHTU?: RawStep[] | null;
}

export interface RawFee {
  MAPHILEPHI: string;
  SOTIEN: string;
  DONVI: string;
  MOTA: string;
  TENTEP: string;
  URL: string;
}

export interface RawTimeLimit {
  THOIGIANGIAIQUYET: string;
  DONVITINH: string;
  MOTA: string;
  PHILEPHI?: RawFee[] | null;
}

export interface RawChannel {
  /** `"1"` in person, `"2"` online, `"3"` public postal service. */
  KENH: string;
  THOIGIAN?: RawTimeLimit[] | null;
}

export interface RawApplicantType {
  MADOITUONG: string;
  TENDOITUONG: string;
}

export interface RawPaper {
  MAGIAYTO: string;
  TENGIAYTO: string;
  TENMAUDON: string;
  URL: string;
  SOBANCHINH: string;
  SOBANSAO: string;
  MA_KQ_THAYTHE: string;
}

export interface RawCasePapers {
  TRUONGHOP: string;
  GIAYTO?: RawPaper[] | null;
}

export interface RawResult {
  MAKETQUA: string;
  TENKETQUA: string;
  TENTEP: string;
  URL: string;
}

export interface RawLegalBasis {
  SOVANBAN: string;
  TENVANBAN: string;
  /** Mostly `dd/MM/yyyy`, in a few records `yyyy-MM-dd`. */
  NGAYBANHANH: string;
  NGAYHIEULUC: string;
  COQUANBANHANH: string;
  DIACHITRUYCAP: string;
}

/** One full procedure record, the element of `LayThuTuc`'s `result`. */
export interface RawProcedure {
  ID: string;
  MATTHC: string;
  TENTTHC: string;
  MACOQUANCONGBO: string;
  LOAITTHC: string;
  TRANGTHAI: string;
  IDQUYETDINHCONGBO: string;
  QUYETDINH: string;
  YEUCAU: string;
  TUKHOA: string;
  MOTA: string;
  MOTADOITUONGTHUCHIEN: string;
  MOTACOQUANTHUCHIEN: string;
  MOTACOQUANTHAMQUYEN: string;
  DIACHITIEPNHAN: string;
  CAPTHUCHIEN?: RawLevel[] | null;
  LINHVUCTHUCHIEN?: RawSector[] | null;
  TRINHTUTHUCHIEN?: RawCaseSteps[] | null;
  CACHTHUCTHUCHIEN?: RawChannel[] | null;
  DOITUONGTHUCHIEN?: RawApplicantType[] | null;
  THANHPHANHOSO?: RawCasePapers[] | null;
  KETQUATHUCHIEN?: RawResult[] | null;
  CANCUPHAPLY?: RawLegalBasis[] | null;
  COQUANTHUCHIEN?: RawAgencyRef[] | null;
  COQUANCOTHAMQUYEN?: RawAgencyRef[] | null;
  COQUANDUOCUYQUYEN?: RawAgencyRef[] | null;
  COQUANPHOIHOP?: RawAgencyRef[] | null;
  TTHCLIENQUAN?: RawProcedureRef[] | null;
  TTHCLIENTHONG?: RawProcedureRef[] | null;
}

/** Everything the simulated national database serves, as served. */
export interface NationalCatalogueData {
  procedures: RawProcedure[];
  agencies: RawAgency[];
  sectors: RawSector[];
}
