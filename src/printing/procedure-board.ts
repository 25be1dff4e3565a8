/** One procedure on an agency's board. */
export interface BoardProcedure {
  code: string;
  name: string;
  /** The link its QR code carries (the national portal's page). */
  url: string;
}

/** An agency's board of procedures: the printed list a one-stop desk hangs up. */
export interface ProcedureBoard {
  agencyCode: string;
  agencyName: string;
  procedures: readonly BoardProcedure[];
}

export const BOARD_TITLE = 'DANH MỤC THỦ TỤC HÀNH CHÍNH';
export const BOARD_HINT = 'Quét mã QR để xem thành phần hồ sơ, trình tự, phí và lệ phí trên Cổng Dịch vụ công quốc gia';
/** Most procedures one board prints (a district's whole list fits; a province's departments print one board each). */
export const BOARD_MAX_PROCEDURES = 1000;
