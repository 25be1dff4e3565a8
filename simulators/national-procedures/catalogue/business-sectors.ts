import { law, type SectorTemplate } from './sector-template';

const enterpriseLaw = law('59/2020/QH14', 'Luật Doanh nghiệp', '17/06/2020', '01/01/2021');
const enterpriseDecree = law('01/2021/NĐ-CP', 'Nghị định về đăng ký doanh nghiệp', '04/01/2021', '04/01/2021', 'Chính phủ');

/** Sectors of Bộ Kế hoạch và Đầu tư (G05), Bộ Công Thương (G02) and Bộ Tài chính (G12). */
export const BUSINESS_SECTORS: readonly SectorTemplate[] = [
  {
    code: 'G05-KD07', name: 'Thành lập và hoạt động của doanh nghiệp', ministry: 'G05', levels: [1], applicants: ['business', 'citizen'],
    days: [3], fees: [50000, 100000], law: enterpriseLaw, decree: enterpriseDecree,
    procedures: [
      'Đăng ký thành lập doanh nghiệp tư nhân|Giấy chứng nhận đăng ký doanh nghiệp',
      'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên|Giấy chứng nhận đăng ký doanh nghiệp',
      'Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên|Giấy chứng nhận đăng ký doanh nghiệp',
      'Đăng ký thành lập công ty cổ phần|Giấy chứng nhận đăng ký doanh nghiệp', 'Đăng ký thành lập công ty hợp danh|Giấy chứng nhận đăng ký doanh nghiệp',
      'Đăng ký thay đổi người đại diện theo pháp luật của công ty|Giấy chứng nhận đăng ký doanh nghiệp',
      'Đăng ký thay đổi vốn điều lệ|Giấy chứng nhận đăng ký doanh nghiệp',
      'Thông báo thay đổi ngành, nghề kinh doanh|Giấy xác nhận về việc thay đổi nội dung đăng ký doanh nghiệp',
      'Đăng ký hoạt động chi nhánh, văn phòng đại diện|Giấy chứng nhận đăng ký hoạt động chi nhánh, văn phòng đại diện',
      'Thông báo tạm ngừng kinh doanh|Giấy xác nhận về việc doanh nghiệp đăng ký tạm ngừng kinh doanh',
      'Giải thể doanh nghiệp|Thông báo về việc giải thể doanh nghiệp', 'Cấp lại Giấy chứng nhận đăng ký doanh nghiệp|Giấy chứng nhận đăng ký doanh nghiệp',
      'Chuyển đổi công ty trách nhiệm hữu hạn một thành viên thành công ty cổ phần|Giấy chứng nhận đăng ký doanh nghiệp',
    ],
    qualifiers: ['qua mạng điện tử'],
    papers: ['Giấy đề nghị đăng ký doanh nghiệp', 'Điều lệ công ty', 'Danh sách thành viên hoặc cổ đông sáng lập', 'Bản sao giấy tờ pháp lý của cá nhân đối với người đại diện theo pháp luật'],
  },
  {
    code: 'G05-KD10', name: 'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)', ministry: 'G05', levels: [2], applicants: ['citizen'],
    days: [3], fees: [50000, 100000], law: enterpriseLaw, decree: enterpriseDecree,
    procedures: [
      'Đăng ký thành lập hộ kinh doanh|Giấy chứng nhận đăng ký hộ kinh doanh',
      'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh|Giấy chứng nhận đăng ký hộ kinh doanh',
      'Tạm ngừng hoạt động hộ kinh doanh|Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh',
      'Chấm dứt hoạt động hộ kinh doanh|Thông báo về việc chấm dứt hoạt động hộ kinh doanh',
      'Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh|Giấy chứng nhận đăng ký hộ kinh doanh',
    ],
    papers: ['Giấy đề nghị đăng ký hộ kinh doanh', 'Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh', 'Bản sao văn bản ủy quyền của thành viên hộ gia đình'],
  },
  {
    code: 'G05-KD09', name: 'Thành lập và hoạt động của hợp tác xã (liên hiệp hợp tác xã)', ministry: 'G05', levels: [1, 2], applicants: ['cooperative'],
    days: [3, 5], fees: [100000],
    law: law('17/2023/QH15', 'Luật Hợp tác xã', '20/06/2023', '01/07/2024'),
    procedures: [
      'Đăng ký thành lập hợp tác xã|Giấy chứng nhận đăng ký hợp tác xã',
      'Đăng ký thay đổi tên, địa chỉ trụ sở chính, ngành, nghề sản xuất, kinh doanh của hợp tác xã|Giấy chứng nhận đăng ký hợp tác xã',
      'Đăng ký thành lập chi nhánh, văn phòng đại diện của hợp tác xã|Giấy chứng nhận đăng ký chi nhánh, văn phòng đại diện',
      'Giải thể tự nguyện hợp tác xã|Giấy xác nhận về việc giải thể hợp tác xã', 'Tạm ngừng hoạt động của hợp tác xã|Giấy xác nhận về việc hợp tác xã đăng ký tạm ngừng hoạt động',
    ],
    papers: ['Giấy đề nghị đăng ký hợp tác xã', 'Điều lệ hợp tác xã', 'Phương án sản xuất, kinh doanh', 'Nghị quyết hội nghị thành lập'],
  },
  {
    code: 'G05-ĐT01', name: 'Đầu tư tại Việt Nam', ministry: 'G05', levels: [0, 1], applicants: ['business', 'foreigner'],
    days: [15, 35], fees: [],
    law: law('61/2020/QH14', 'Luật Đầu tư', '17/06/2020', '01/01/2021'),
    procedures: [
      'Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư|Giấy chứng nhận đăng ký đầu tư',
      'Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh|Quyết định chấp thuận chủ trương đầu tư',
      'Điều chỉnh Giấy chứng nhận đăng ký đầu tư|Giấy chứng nhận đăng ký đầu tư', 'Gia hạn thời hạn hoạt động của dự án đầu tư|Quyết định gia hạn',
      'Chuyển nhượng dự án đầu tư|Giấy chứng nhận đăng ký đầu tư', 'Tạm ngừng hoạt động của dự án đầu tư|Văn bản xác nhận',
      'Đăng ký góp vốn, mua cổ phần, mua phần vốn góp của nhà đầu tư nước ngoài|Văn bản chấp thuận',
    ],
    papers: ['Văn bản đề nghị thực hiện dự án đầu tư', 'Đề xuất dự án đầu tư', 'Báo cáo tài chính 02 năm gần nhất của nhà đầu tư', 'Bản sao tài liệu về quyền sử dụng đất'],
  },
  {
    code: 'G02-CT11', name: 'Lưu thông hàng hóa trong nước', ministry: 'G02', levels: [1, 2], applicants: ['business', 'citizen'],
    days: [10, 15], fees: [400000, 1200000, 2200000],
    law: law('36/2005/QH11', 'Luật Thương mại', '14/06/2005', '01/01/2006'),
    procedures: [
      'Cấp Giấy phép bán lẻ sản phẩm thuốc lá|Giấy phép bán lẻ sản phẩm thuốc lá', 'Cấp Giấy phép bán lẻ rượu|Giấy phép bán lẻ rượu',
      'Cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh|Giấy phép sản xuất rượu thủ công',
      'Cấp Giấy xác nhận đủ điều kiện làm thương nhân phân phối LPG|Giấy xác nhận đủ điều kiện',
      'Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu|Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu',
      'Cấp Giấy phép bán buôn rượu|Giấy phép bán buôn rượu',
    ],
    qualifiers: ['trong trường hợp bị mất, bị hỏng'],
    papers: ['Bản sao Giấy chứng nhận đăng ký doanh nghiệp', 'Bản sao hợp đồng thuê địa điểm kinh doanh', 'Văn bản giới thiệu của thương nhân phân phối'],
  },
  {
    code: 'G02-CT12', name: 'Điện', ministry: 'G02', levels: [0, 1], applicants: ['business'],
    days: [10, 15], fees: [800000, 2100000],
    law: law('61/2024/QH15', 'Luật Điện lực', '30/11/2024', '01/02/2025'),
    procedures: [
      'Cấp giấy phép hoạt động phát điện đối với nhà máy điện có quy mô công suất dưới 03MW|Giấy phép hoạt động điện lực',
      'Cấp giấy phép hoạt động bán lẻ điện đến cấp điện áp 0,4kV|Giấy phép hoạt động điện lực',
      'Cấp giấy phép hoạt động tư vấn chuyên ngành điện lực|Giấy phép hoạt động điện lực', 'Huấn luyện và cấp mới thẻ an toàn điện|Thẻ an toàn điện',
    ],
    papers: ['Văn bản đề nghị cấp giấy phép hoạt động điện lực', 'Danh sách trích ngang người trực tiếp quản lý kỹ thuật', 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp'],
  },
  {
    code: 'G12-TC09', name: 'Quản lý công sản', ministry: 'G12', levels: [0, 1, 2], applicants: ['organisation'],
    days: [15, 30], fees: [],
    law: law('15/2017/QH14', 'Luật Quản lý, sử dụng tài sản công', '21/06/2017', '01/01/2018'),
    procedures: [
      'Quyết định giao tài sản công|Quyết định giao tài sản công', 'Quyết định điều chuyển tài sản công|Quyết định điều chuyển tài sản công',
      'Quyết định thanh lý tài sản công|Quyết định thanh lý tài sản công', 'Quyết định bán tài sản công|Quyết định bán tài sản công',
      'Xác lập quyền sở hữu toàn dân đối với tài sản do tổ chức, cá nhân tự nguyện chuyển giao|Quyết định xác lập quyền sở hữu toàn dân',
    ],
    papers: ['Văn bản đề nghị của cơ quan, tổ chức, đơn vị', 'Danh mục tài sản đề nghị', 'Biên bản kiểm kê tài sản'],
  },
];
