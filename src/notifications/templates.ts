import { toGsmText, SMS_SEGMENT } from '../../connectors/sms-brandname';
import { truncateGraphemes } from '../../connectors/zalo-zns';
import { DOSSIER_STATUS_LABELS } from '../domain';

/** What a status message says, from the dossier: never the ID number, the name already shortened. */
export interface MessageFacts {
  dossierCode: string;
  /** The applicant's name as `shortenApplicantName` writes it. */
  applicantName: string;
  /** The appointment day, `dd/MM/yyyy` in Vietnam time, or null. */
  appointmentDate: string | null;
  /** The processing agency's name, or null when the record has none. */
  agencyName: string | null;
}

/** One national status's message: the ZNS template it is sent with, and its SMS text. */
export interface StatusTemplate {
  status: number;
  /** The demo Official Account's template id; a deployment maps each status to its own (`notifications.zaloZns.templateIds`). */
  znsTemplateId: string;
  /** The status as the ZNS `status` parameter shows it, at most 30 characters. */
  znsStatus: string;
  /** True when the template carries `appointment_date`. */
  withAppointment: boolean;
  /** The SMS text after `{agency}: Hồ sơ {code} của {name} `, with `{date}` for the appointment day. */
  sms: string;
  /** The SMS text when there is no appointment day (a procedure with no time limit). */
  smsWithoutDate?: string;
}

/** The ZNS template's parameters and their declared limits (Zalo counts characters). */
export const ZNS_PARAM_LIMITS = { customer_name: 30, dossier_code: 30, status: 30, agency_name: 50, appointment_date: 20 } as const;

const CONTACT = 'Vui lòng liên hệ bộ phận một cửa.';

/**
 * The messages per national dossier status (docs/sources.md §2), in Vietnamese. ZNS templates
 * are approved by Zalo per Official Account, so the ids here are the demo OA's and a
 * deployment maps its own in config; the parameters are the same for every status.
 * SMS texts are sent without diacritics (GSM, one 160-character segment; see `smsText`).
 */
export const STATUS_TEMPLATES: Readonly<Record<number, StatusTemplate>> = {
  1: { status: 1, znsTemplateId: '400101', znsStatus: DOSSIER_STATUS_LABELS[1]!, withAppointment: false, sms: 'đã được đăng ký, đang chờ tiếp nhận.' },
  2: { status: 2, znsTemplateId: '400102', znsStatus: DOSSIER_STATUS_LABELS[2]!, withAppointment: true, sms: 'đã được tiếp nhận. Hẹn trả kết quả ngày {date}.', smsWithoutDate: 'đã được tiếp nhận.' },
  3: { status: 3, znsTemplateId: '400103', znsStatus: DOSSIER_STATUS_LABELS[3]!, withAppointment: false, sms: `không được tiếp nhận. ${CONTACT}` },
  4: { status: 4, znsTemplateId: '400104', znsStatus: DOSSIER_STATUS_LABELS[4]!, withAppointment: true, sms: 'đang được xử lý. Hẹn trả kết quả ngày {date}.', smsWithoutDate: 'đang được xử lý.' },
  5: { status: 5, znsTemplateId: '400105', znsStatus: DOSSIER_STATUS_LABELS[5]!, withAppointment: false, sms: `cần bổ sung giấy tờ. ${CONTACT}` },
  // The national label (36 characters) is longer than ZNS takes: said shorter, same meaning.
  6: { status: 6, znsTemplateId: '400106', znsStatus: 'Yêu cầu nghĩa vụ tài chính', withAppointment: false, sms: 'cần thực hiện nghĩa vụ tài chính (nộp phí, lệ phí).' },
  7: { status: 7, znsTemplateId: '400107', znsStatus: DOSSIER_STATUS_LABELS[7]!, withAppointment: false, sms: 'đã được rút theo yêu cầu của ông/bà.' },
  8: { status: 8, znsTemplateId: '400108', znsStatus: DOSSIER_STATUS_LABELS[8]!, withAppointment: false, sms: `đã dừng xử lý. ${CONTACT}` },
  9: { status: 9, znsTemplateId: '400109', znsStatus: DOSSIER_STATUS_LABELS[9]!, withAppointment: false, sms: 'đã có kết quả. Mời ông/bà đến nhận kết quả.' },
  10: { status: 10, znsTemplateId: '400110', znsStatus: DOSSIER_STATUS_LABELS[10]!, withAppointment: false, sms: 'đã được trả kết quả. Cảm ơn ông/bà.' },
};

/** Said when the record names no agency. */
const NO_AGENCY = 'Bộ phận một cửa';

/** The ZNS template data of a status message; values within `ZNS_PARAM_LIMITS`. */
export function znsTemplateData(template: StatusTemplate, facts: MessageFacts): Record<string, string> {
  const data: Record<string, string> = {
    customer_name: truncateGraphemes(facts.applicantName, ZNS_PARAM_LIMITS.customer_name),
    dossier_code: facts.dossierCode,
    status: template.znsStatus,
    agency_name: truncateGraphemes(facts.agencyName ?? NO_AGENCY, ZNS_PARAM_LIMITS.agency_name),
  };
  if (template.withAppointment) data.appointment_date = facts.appointmentDate ?? 'Chưa xác định';
  return data;
}

/**
 * The SMS text of a status message, `{agency}: Hồ sơ {code} của {name} {what}`, written
 * with diacritics (the connector sends it without, or as Unicode when configured) and
 * fitting one GSM segment of 160 characters once written without them: the agency's name
 * is shortened first, then the applicant's, so the code, the status and the date always
 * arrive whole.
 */
export function smsText(template: StatusTemplate, facts: MessageFacts): string {
  const what = facts.appointmentDate === null ? (template.smsWithoutDate ?? template.sms) : template.sms.replace('{date}', facts.appointmentDate);
  const compose = (agency: string, name: string): string => `${agency}: Hồ sơ ${facts.dossierCode} của ${name} ${what}`;
  let agency = facts.agencyName ?? NO_AGENCY;
  let name = facts.applicantName;
  const fits = (): boolean => toGsmText(compose(agency, name)).length <= SMS_SEGMENT.gsm;
  while (!fits() && [...agency].length > 12) agency = truncateGraphemes(agency, [...agency].length - 1);
  while (!fits() && [...name].length > 8) name = truncateGraphemes(name, [...name].length - 1);
  return compose(agency, name);
}
