import { law, type SectorTemplate } from './sector-template';

const educationLaw = law('43/2019/QH14', 'Luật Giáo dục', '14/06/2019', '01/07/2020');

/** Sectors of Bộ Lao động - Thương binh và Xã hội (G07), Bộ Y tế (G18), Bộ Giáo dục (G03) and Bộ Văn hóa (G16). */
export const SOCIAL_SECTORS: readonly SectorTemplate[] = [
  {
    code: 'G07-LĐ09', name: 'Người có công', ministry: 'G07', levels: [1, 2, 3], applicants: ['citizen'],
    days: [12, 20, 30], fees: [],
    law: law('02/2020/UBTVQH14', 'Pháp lệnh Ưu đãi người có công với cách mạng', '09/12/2020', '01/07/2021', 'Ủy ban Thường vụ Quốc hội'),
    procedures: [
      'Công nhận liệt sĩ|Bằng Tổ quốc ghi công', 'Giải quyết chế độ trợ cấp thờ cúng liệt sĩ|Quyết định trợ cấp thờ cúng liệt sĩ',
      'Giải quyết chế độ ưu đãi đối với thương binh|Quyết định trợ cấp', 'Giải quyết chế độ mai táng phí đối với người có công với cách mạng|Quyết định trợ cấp mai táng phí',
      'Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ và hỗ trợ thăm viếng mộ liệt sĩ|Giấy giới thiệu', 'Di chuyển hài cốt liệt sĩ|Giấy giới thiệu di chuyển hài cốt liệt sĩ',
      'Cấp bổ sung hoặc cấp lại giấy chứng nhận người có công|Giấy chứng nhận người có công',
      'Giải quyết chế độ đối với con đẻ của người hoạt động kháng chiến bị nhiễm chất độc hóa học|Quyết định trợ cấp',
    ],
    papers: ['Bản khai cá nhân', 'Giấy chứng nhận thương binh', 'Giấy chứng tử hoặc trích lục khai tử', 'Biên bản họp của Hội đồng xác nhận người có công cấp xã'],
  },
  {
    code: 'G07-LĐ01', name: 'Bảo trợ xã hội', ministry: 'G07', levels: [1, 2, 3], applicants: ['citizen'],
    days: [15, 20, 25], fees: [],
    law: law('20/2021/NĐ-CP', 'Nghị định quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội', '15/03/2021', '01/07/2021', 'Chính phủ'),
    procedures: [
      'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng|Quyết định hưởng trợ cấp xã hội',
      'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật|Giấy xác nhận khuyết tật', 'Đổi, cấp lại Giấy xác nhận khuyết tật|Giấy xác nhận khuyết tật',
      'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội|Quyết định hỗ trợ chi phí mai táng',
      'Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở|Quyết định hỗ trợ',
      'Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội|Quyết định tiếp nhận',
    ],
    papers: ['Tờ khai đề nghị trợ giúp xã hội', 'Giấy xác nhận khuyết tật', 'Sổ hộ nghèo hoặc giấy xác nhận hộ nghèo'],
  },
  {
    code: 'G07-LĐ11', name: 'Việc làm', ministry: 'G07', levels: [1], applicants: ['citizen', 'business', 'foreigner'],
    days: [15, 20], fees: [400000, 600000],
    law: law('38/2013/QH13', 'Luật Việc làm', '16/11/2013', '01/01/2015'),
    procedures: [
      'Giải quyết hưởng trợ cấp thất nghiệp|Quyết định hưởng trợ cấp thất nghiệp', 'Tạm dừng hưởng trợ cấp thất nghiệp|Quyết định tạm dừng hưởng trợ cấp thất nghiệp',
      'Chuyển nơi hưởng trợ cấp thất nghiệp|Giấy giới thiệu chuyển nơi hưởng trợ cấp thất nghiệp', 'Hỗ trợ học nghề|Quyết định hỗ trợ học nghề',
      'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam|Giấy phép lao động',
      'Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động|Văn bản xác nhận',
      'Cấp giấy phép hoạt động dịch vụ việc làm của doanh nghiệp hoạt động dịch vụ việc làm|Giấy phép hoạt động dịch vụ việc làm',
    ],
    papers: ['Đề nghị hưởng trợ cấp thất nghiệp', 'Quyết định thôi việc hoặc chấm dứt hợp đồng lao động', 'Sổ bảo hiểm xã hội', 'Giấy chứng nhận sức khỏe'],
  },
  {
    code: 'G18-YT03', name: 'Khám bệnh, chữa bệnh', ministry: 'G18', levels: [0, 1], applicants: ['citizen', 'business', 'organisation'],
    days: [10, 20, 30], fees: [360000, 3100000, 5700000],
    law: law('15/2023/QH15', 'Luật Khám bệnh, chữa bệnh', '09/01/2023', '01/01/2024'),
    procedures: [
      'Cấp giấy phép hành nghề đối với chức danh chuyên môn là bác sỹ, y sỹ, điều dưỡng, hộ sinh|Giấy phép hành nghề khám bệnh, chữa bệnh',
      'Cấp lại giấy phép hành nghề khám bệnh, chữa bệnh|Giấy phép hành nghề khám bệnh, chữa bệnh',
      'Cấp giấy phép hoạt động đối với phòng khám đa khoa|Giấy phép hoạt động khám bệnh, chữa bệnh',
      'Cấp giấy phép hoạt động đối với phòng khám chuyên khoa|Giấy phép hoạt động khám bệnh, chữa bệnh',
      'Cấp giấy phép hoạt động đối với trạm y tế cấp xã|Giấy phép hoạt động khám bệnh, chữa bệnh',
      'Điều chỉnh giấy phép hoạt động khám bệnh, chữa bệnh khi thay đổi quy mô, phạm vi hoạt động chuyên môn|Giấy phép hoạt động khám bệnh, chữa bệnh',
    ],
    papers: ['Đơn đề nghị cấp giấy phép', 'Bản sao văn bằng chuyên môn', 'Giấy chứng nhận đủ sức khỏe để hành nghề', 'Danh sách nhân sự và bảng kê thiết bị y tế'],
  },
  {
    code: 'G18-YT02', name: 'Dược phẩm', ministry: 'G18', levels: [0, 1], applicants: ['citizen', 'business'],
    days: [20, 30], fees: [500000, 1000000],
    law: law('105/2016/QH13', 'Luật Dược', '06/04/2016', '01/01/2017'),
    procedures: [
      'Cấp Chứng chỉ hành nghề dược|Chứng chỉ hành nghề dược', 'Cấp lại Chứng chỉ hành nghề dược|Chứng chỉ hành nghề dược',
      'Điều chỉnh nội dung Chứng chỉ hành nghề dược|Chứng chỉ hành nghề dược',
      'Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ thuốc|Giấy chứng nhận đủ điều kiện kinh doanh dược',
      'Cấp giấy xác nhận nội dung thông tin thuốc theo hình thức hội thảo giới thiệu thuốc|Giấy xác nhận nội dung thông tin thuốc',
    ],
    papers: ['Đơn đề nghị cấp Chứng chỉ hành nghề dược', 'Bản sao văn bằng chuyên môn', 'Giấy xác nhận thời gian thực hành chuyên môn'],
  },
  {
    code: 'G18-YT01', name: 'An toàn thực phẩm và dinh dưỡng', ministry: 'G18', levels: [0, 1, 2], applicants: ['business', 'citizen'],
    days: [10, 15, 20], fees: [500000, 1000000, 1500000],
    law: law('55/2010/QH12', 'Luật An toàn thực phẩm', '17/06/2010', '01/07/2011'),
    procedures: [
      'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất thực phẩm|Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
      'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống|Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
      'Đăng ký bản công bố sản phẩm nhập khẩu đối với thực phẩm dinh dưỡng y học|Giấy tiếp nhận đăng ký bản công bố sản phẩm',
      'Cấp Giấy xác nhận nội dung quảng cáo thực phẩm|Giấy xác nhận nội dung quảng cáo',
    ],
    papers: ['Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ', 'Giấy xác nhận đủ sức khỏe của chủ cơ sở', 'Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm'],
  },
  {
    code: 'G03-GD14', name: 'Văn bằng, chứng chỉ', ministry: 'G03', levels: [0, 1, 2], applicants: ['citizen'],
    days: [5, 10, 20], fees: [], law: educationLaw,
    procedures: [
      'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc cấp bản sao|Bản sao văn bằng, chứng chỉ', 'Chỉnh sửa nội dung văn bằng, chứng chỉ|Văn bằng, chứng chỉ đã chỉnh sửa',
      'Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở nước ngoài cấp|Giấy công nhận văn bằng',
      'Công nhận văn bằng do cơ sở giáo dục nước ngoài cấp để sử dụng tại Việt Nam|Giấy công nhận văn bằng', 'Cấp lại bằng tốt nghiệp trung học cơ sở|Bằng tốt nghiệp trung học cơ sở',
    ],
    papers: ['Đơn đề nghị', 'Bản sao văn bằng, chứng chỉ đề nghị chỉnh sửa', 'Giấy tờ làm căn cứ chỉnh sửa'],
  },
  {
    code: 'G03-GD05', name: 'Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân', ministry: 'G03', levels: [1, 2, 3], applicants: ['organisation', 'citizen'],
    days: [10, 15, 20], fees: [], law: educationLaw,
    procedures: [
      'Cho phép trường mầm non hoạt động giáo dục|Quyết định cho phép hoạt động giáo dục',
      'Thành lập trường tiểu học công lập, cho phép thành lập trường tiểu học tư thục|Quyết định thành lập',
      'Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động giáo dục|Quyết định cho phép hoạt động giáo dục',
      'Chuyển trường đối với học sinh trung học cơ sở|Giấy giới thiệu chuyển trường', 'Xét, duyệt chính sách hỗ trợ đối với học sinh bán trú|Quyết định phê duyệt',
      'Công nhận trường tiểu học đạt chuẩn quốc gia|Quyết định công nhận', 'Giải thể trường trung học cơ sở|Quyết định giải thể',
    ],
    papers: ['Tờ trình đề nghị', 'Đề án thành lập trường', 'Học bạ', 'Báo cáo tự đánh giá'],
  },
  {
    code: 'G16-VH05', name: 'Lữ hành', ministry: 'G16', levels: [0, 1], applicants: ['business', 'citizen'],
    days: [10], fees: [650000, 3000000],
    law: law('09/2017/QH14', 'Luật Du lịch', '19/06/2017', '01/01/2018'),
    procedures: [
      'Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa|Giấy phép kinh doanh dịch vụ lữ hành nội địa',
      'Cấp đổi giấy phép kinh doanh dịch vụ lữ hành nội địa|Giấy phép kinh doanh dịch vụ lữ hành nội địa',
      'Cấp thẻ hướng dẫn viên du lịch nội địa|Thẻ hướng dẫn viên du lịch', 'Cấp thẻ hướng dẫn viên du lịch quốc tế|Thẻ hướng dẫn viên du lịch',
      'Công nhận hạng cơ sở lưu trú du lịch hạng 1 sao, 2 sao, 3 sao|Quyết định công nhận hạng',
    ],
    papers: ['Đơn đề nghị cấp giấy phép', 'Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành', 'Bản sao chứng chỉ nghiệp vụ điều hành du lịch'],
  },
  {
    code: 'G16-VH08', name: 'Văn hóa cơ sở', ministry: 'G16', levels: [1, 2, 3], applicants: ['citizen', 'business', 'organisation'],
    days: [5, 7, 10], fees: [2000000, 4000000],
    law: law('54/2019/NĐ-CP', 'Nghị định quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường', '19/06/2019', '01/09/2019', 'Chính phủ'),
    procedures: [
      'Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke|Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke',
      'Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường|Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường',
      'Đăng ký tổ chức lễ hội|Văn bản chấp thuận', 'Công nhận lần đầu danh hiệu Gia đình văn hóa|Giấy công nhận Gia đình văn hóa',
      'Xét tặng danh hiệu Khu dân cư văn hóa|Giấy công nhận Khu dân cư văn hóa', 'Thông báo thành lập thư viện đối với thư viện cộng đồng|Văn bản tiếp nhận thông báo',
    ],
    papers: ['Đơn đề nghị cấp giấy phép', 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh', 'Bản kê khai diện tích, trang thiết bị phòng hát'],
  },
];
