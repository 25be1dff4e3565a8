import { law, type SectorTemplate } from './sector-template';

/** Sectors of Bộ Nội vụ (G09), Thanh tra Chính phủ (G20), Bộ Công an (G01), Bộ Ngoại giao (G08), Bộ GTVT (G04), Bộ TT&TT (G14), Bộ KH&CN (G06). */
export const STATE_SECTORS: readonly SectorTemplate[] = [
  {
    code: 'G09-NV08', name: 'Thi đua - khen thưởng', ministry: 'G09', levels: [0, 1, 2, 3], applicants: ['citizen', 'organisation', 'official'],
    days: [10, 20, 30], fees: [],
    law: law('06/2022/QH15', 'Luật Thi đua, khen thưởng', '15/06/2022', '01/01/2024'),
    procedures: [
      'Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh|Bằng khen', 'Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện|Giấy khen',
      'Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã|Giấy khen', 'Tặng danh hiệu Chiến sĩ thi đua cấp tỉnh|Quyết định tặng danh hiệu',
      'Tặng danh hiệu Tập thể lao động xuất sắc|Quyết định tặng danh hiệu', 'Tặng Cờ thi đua của Ủy ban nhân dân tỉnh|Cờ thi đua',
      'Khen thưởng đột xuất|Quyết định khen thưởng', 'Tặng Huân chương Lao động|Huân chương Lao động',
    ],
    qualifiers: ['theo công trạng', 'theo đợt hoặc chuyên đề'],
    papers: ['Tờ trình đề nghị khen thưởng', 'Báo cáo thành tích của tập thể, cá nhân', 'Biên bản họp Hội đồng Thi đua - Khen thưởng'],
  },
  {
    code: 'G09-NV13', name: 'Tín ngưỡng, tôn giáo', ministry: 'G09', levels: [0, 1, 2, 3], applicants: ['organisation', 'citizen'],
    days: [5, 15, 30], fees: [],
    law: law('02/2016/QH14', 'Luật Tín ngưỡng, tôn giáo', '18/11/2016', '01/01/2018'),
    procedures: [
      'Đăng ký hoạt động tín ngưỡng|Văn bản chấp thuận', 'Đăng ký sinh hoạt tôn giáo tập trung|Văn bản chấp thuận',
      'Thông báo danh mục hoạt động tôn giáo đối với tổ chức có địa bàn hoạt động tôn giáo ở một xã|Văn bản tiếp nhận',
      'Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo, địa điểm hợp pháp đã đăng ký|Văn bản chấp thuận',
      'Đăng ký người được bổ nhiệm, bầu cử, suy cử làm chức việc|Văn bản chấp thuận', 'Đề nghị giảng đạo ngoài địa bàn phụ trách|Văn bản chấp thuận',
    ],
    papers: ['Văn bản đăng ký', 'Danh mục hoạt động tín ngưỡng', 'Bản tóm tắt tiểu sử của người đại diện'],
  },
  {
    code: 'G20-TH02', name: 'Giải quyết khiếu nại', ministry: 'G20', levels: [0, 1, 2, 3], applicants: ['citizen', 'organisation'],
    days: [30, 45], fees: [],
    law: law('02/2011/QH13', 'Luật Khiếu nại', '11/11/2011', '01/07/2012'),
    procedures: ['Giải quyết khiếu nại lần đầu|Quyết định giải quyết khiếu nại lần đầu', 'Giải quyết khiếu nại lần hai|Quyết định giải quyết khiếu nại lần hai'],
    qualifiers: ['tại cấp tỉnh', 'tại cấp huyện', 'tại cấp xã'],
    papers: ['Đơn khiếu nại', 'Tài liệu, chứng cứ có liên quan', 'Văn bản ủy quyền khiếu nại'],
  },
  {
    code: 'G20-TH03', name: 'Tiếp công dân', ministry: 'G20', levels: [1, 2, 3], applicants: ['citizen'],
    days: [1, 10], fees: [],
    law: law('42/2013/QH13', 'Luật Tiếp công dân', '25/11/2013', '01/07/2014'),
    procedures: ['Tiếp công dân|Văn bản trả lời', 'Xử lý đơn|Phiếu hướng dẫn hoặc văn bản chuyển đơn'],
    qualifiers: ['tại cấp tỉnh', 'tại cấp huyện', 'tại cấp xã'],
    papers: ['Đơn khiếu nại, tố cáo, kiến nghị, phản ánh', 'Tài liệu kèm theo'],
  },
  {
    code: 'G01-CA06', name: 'Xuất nhập cảnh', ministry: 'G01', levels: [0], applicants: ['citizen', 'foreigner'],
    days: [5, 8], fees: [145000, 200000, 400000],
    law: law('49/2019/QH14', 'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam', '22/11/2019', '01/07/2020'),
    procedures: [
      'Cấp hộ chiếu phổ thông|Hộ chiếu phổ thông', 'Cấp lại hộ chiếu phổ thông|Hộ chiếu phổ thông',
      'Khôi phục giá trị sử dụng hộ chiếu phổ thông|Thông báo khôi phục giá trị sử dụng hộ chiếu', 'Cấp thị thực cho người nước ngoài tại Việt Nam|Thị thực',
      'Cấp thẻ tạm trú cho người nước ngoài tại Việt Nam|Thẻ tạm trú',
    ],
    qualifiers: ['ở trong nước'],
    papers: ['Tờ khai đề nghị cấp hộ chiếu', 'Ảnh chân dung', 'Hộ chiếu cũ'],
  },
  {
    code: 'G01-CA09', name: 'Quản lý ngành nghề đầu tư, kinh doanh có điều kiện về an ninh, trật tự', ministry: 'G01', levels: [0], applicants: ['business'],
    days: [5], fees: [300000],
    law: law('96/2016/NĐ-CP', 'Nghị định quy định điều kiện về an ninh, trật tự đối với một số ngành, nghề đầu tư kinh doanh có điều kiện', '01/07/2016', '01/07/2016', 'Chính phủ'),
    procedures: [
      'Cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự|Giấy chứng nhận đủ điều kiện về an ninh, trật tự',
      'Cấp đổi Giấy chứng nhận đủ điều kiện về an ninh, trật tự|Giấy chứng nhận đủ điều kiện về an ninh, trật tự',
      'Cấp lại Giấy chứng nhận đủ điều kiện về an ninh, trật tự|Giấy chứng nhận đủ điều kiện về an ninh, trật tự',
    ],
    papers: ['Văn bản đề nghị cấp Giấy chứng nhận', 'Bản khai lý lịch của người chịu trách nhiệm về an ninh, trật tự', 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp'],
  },
  {
    code: 'G08-NG05', name: 'Lãnh sự', ministry: 'G08', levels: [0], applicants: ['citizen', 'organisation', 'foreigner'],
    days: [1, 5], fees: [30000, 200000],
    law: law('111/2011/NĐ-CP', 'Nghị định về chứng nhận lãnh sự, hợp pháp hóa lãnh sự', '05/12/2011', '01/02/2012', 'Chính phủ'),
    procedures: [
      'Chứng nhận lãnh sự giấy tờ, tài liệu|Giấy tờ, tài liệu được chứng nhận lãnh sự', 'Hợp pháp hóa lãnh sự giấy tờ, tài liệu|Giấy tờ, tài liệu được hợp pháp hóa lãnh sự',
      'Cấp hộ chiếu ngoại giao, hộ chiếu công vụ|Hộ chiếu',
    ],
    papers: ['Tờ khai chứng nhận lãnh sự, hợp pháp hóa lãnh sự', 'Bản chụp giấy tờ tùy thân', 'Giấy tờ, tài liệu đề nghị được chứng nhận lãnh sự'],
  },
  {
    code: 'G04-ĐB01', name: 'Đường bộ', ministry: 'G04', levels: [0, 1], applicants: ['citizen', 'business'],
    days: [3, 5, 10], fees: [135000, 200000],
    law: law('35/2024/QH15', 'Luật Đường bộ', '27/06/2024', '01/01/2025'),
    procedures: [
      'Đổi Giấy phép lái xe do ngành Giao thông vận tải cấp|Giấy phép lái xe', 'Cấp lại Giấy phép lái xe|Giấy phép lái xe',
      'Cấp Giấy phép kinh doanh vận tải bằng xe ô tô|Giấy phép kinh doanh vận tải bằng xe ô tô', 'Cấp phù hiệu xe ô tô kinh doanh vận tải|Phù hiệu',
      'Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường bộ|Giấy phép lưu hành xe', 'Cấp giấy phép lái xe quốc tế|Giấy phép lái xe quốc tế',
    ],
    papers: ['Đơn đề nghị đổi, cấp lại giấy phép lái xe', 'Giấy khám sức khỏe của người lái xe', 'Bản sao giấy phép lái xe'],
  },
  {
    code: 'G14-TT11', name: 'Xuất bản, In và Phát hành', ministry: 'G14', levels: [0, 1], applicants: ['business', 'organisation'],
    days: [7, 15], fees: [],
    law: law('19/2012/QH13', 'Luật Xuất bản', '20/11/2012', '01/07/2013'),
    procedures: [
      'Cấp giấy phép xuất bản tài liệu không kinh doanh|Giấy phép xuất bản tài liệu không kinh doanh', 'Cấp giấy phép hoạt động in|Giấy phép hoạt động in',
      'Đăng ký hoạt động cơ sở in|Giấy xác nhận đăng ký hoạt động cơ sở in', 'Cấp giấy phép nhập khẩu xuất bản phẩm không kinh doanh|Giấy phép nhập khẩu xuất bản phẩm',
      'Đăng ký sử dụng máy photocopy màu|Giấy xác nhận đăng ký',
    ],
    papers: ['Đơn đề nghị cấp giấy phép', 'Bản thảo tài liệu', 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp'],
  },
  {
    code: 'G06-KC03', name: 'Sở hữu trí tuệ', ministry: 'G06', levels: [0, 1], applicants: ['citizen', 'business', 'organisation'],
    days: [30, 90], fees: [150000, 180000],
    law: law('50/2005/QH11', 'Luật Sở hữu trí tuệ', '29/11/2005', '01/07/2006'),
    procedures: [
      'Đăng ký nhãn hiệu|Giấy chứng nhận đăng ký nhãn hiệu', 'Đăng ký sáng chế|Bằng độc quyền sáng chế', 'Đăng ký kiểu dáng công nghiệp|Bằng độc quyền kiểu dáng công nghiệp',
      'Cấp chứng chỉ hành nghề dịch vụ đại diện sở hữu công nghiệp|Chứng chỉ hành nghề dịch vụ đại diện sở hữu công nghiệp', 'Công nhận sáng kiến|Giấy chứng nhận sáng kiến',
    ],
    papers: ['Tờ khai đăng ký', 'Mẫu nhãn hiệu và danh mục hàng hóa, dịch vụ', 'Bản mô tả sáng chế'],
  },
];
