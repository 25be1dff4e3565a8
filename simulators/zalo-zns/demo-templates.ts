import type { ZnsTemplate } from './types';

const COMMON = [
  { name: 'customer_name', maxLength: 30 },
  { name: 'dossier_code', maxLength: 30 },
  { name: 'status', maxLength: 30 },
  { name: 'agency_name', maxLength: 50 },
] as const;
const WITH_APPOINTMENT = [...COMMON, { name: 'appointment_date', maxLength: 20 }] as const;

/**
 * The templates the demo Official Account has approved, one per national dossier status
 * (1–10). Ids are the simulator's own; a real OA gets its ids from Zalo when a template is
 * approved, and the gateway's config maps each status to one.
 */
export const DEMO_ZNS_TEMPLATES: readonly ZnsTemplate[] = [
  { id: '400101', title: 'Hồ sơ mới đăng ký', params: COMMON },
  { id: '400102', title: 'Hồ sơ được tiếp nhận', params: WITH_APPOINTMENT },
  { id: '400103', title: 'Hồ sơ không được tiếp nhận', params: COMMON },
  { id: '400104', title: 'Hồ sơ đang xử lý', params: WITH_APPOINTMENT },
  { id: '400105', title: 'Yêu cầu bổ sung giấy tờ', params: COMMON },
  { id: '400106', title: 'Yêu cầu thực hiện nghĩa vụ tài chính', params: COMMON },
  { id: '400107', title: 'Hồ sơ đã rút theo yêu cầu', params: COMMON },
  { id: '400108', title: 'Hồ sơ dừng xử lý', params: COMMON },
  { id: '400109', title: 'Hồ sơ đã có kết quả', params: COMMON },
  { id: '400110', title: 'Hồ sơ đã trả kết quả', params: COMMON },
];
