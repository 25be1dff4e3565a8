import type { ProcedureInput } from './types';

/**
 * A small fixed set of procedures in the national catalogue's shape, for the standalone
 * simulator and tests when no national catalogue is at hand. Codes are in the national
 * format; 1.001193 (khai sinh), 1.000894 (kết hôn), 1.000656 (khai tử) and 1.001612
 * (hộ kinh doanh) are the real codes, the rest our reading.
 */
export const SAMPLE_PROCEDURES: readonly ProcedureInput[] = [
  { code: '1.001193', name: 'Đăng ký khai sinh', sectorCode: 'G15-TP07', sectorName: 'Hộ tịch' },
  { code: '1.000894', name: 'Đăng ký kết hôn', sectorCode: 'G15-TP07', sectorName: 'Hộ tịch' },
  { code: '1.000656', name: 'Đăng ký khai tử', sectorCode: 'G15-TP07', sectorName: 'Hộ tịch' },
  { code: '1.004873', name: 'Cấp Giấy xác nhận tình trạng hôn nhân', sectorCode: 'G15-TP07', sectorName: 'Hộ tịch' },
  { code: '2.000815', name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận', sectorCode: 'G15-TP03', sectorName: 'Chứng thực' },
  { code: '2.000884', name: 'Chứng thực chữ ký trong các giấy tờ, văn bản', sectorCode: 'G15-TP03', sectorName: 'Chứng thực' },
  { code: '1.001612', name: 'Đăng ký thành lập hộ kinh doanh', sectorCode: 'G05-KD07', sectorName: 'Thành lập và hoạt động của hộ kinh doanh' },
  { code: '2.000575', name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', sectorCode: 'G05-KD07', sectorName: 'Thành lập và hoạt động của hộ kinh doanh' },
  { code: '1.003560', name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', sectorCode: 'G13-TN02', sectorName: 'Đất đai' },
  { code: '2.002621', name: 'Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất', sectorCode: 'G13-TN02', sectorName: 'Đất đai' },
  { code: '1.009994', name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ', sectorCode: 'G17-XD15', sectorName: 'Xây dựng' },
  { code: '1.001776', name: 'Trợ cấp xã hội hàng tháng đối với người cao tuổi', sectorCode: 'G07-BTXH', sectorName: 'Bảo trợ xã hội' },
  { code: '1.002252', name: 'Giải quyết chế độ trợ cấp một lần đối với người có công', sectorCode: 'G07-NCC', sectorName: 'Người có công' },
  { code: '2.001263', name: 'Cấp Giấy chứng nhận đủ điều kiện an toàn thực phẩm', sectorCode: 'G18-ATTP', sectorName: 'An toàn thực phẩm' },
  { code: '1.005092', name: 'Chuyển trường đối với học sinh trung học cơ sở', sectorCode: 'G03-GD05', sectorName: 'Giáo dục và Đào tạo' },
  { code: '2.001611', name: 'Cấp Giấy phép kinh doanh karaoke', sectorCode: 'G16-VH02', sectorName: 'Văn hóa' },
];
