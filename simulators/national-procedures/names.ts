/**
 * Vietnamese name material for the agency hierarchy. Ministry codes G01–G22 follow the
 * public list (alphabetical by ministry, G22 = Văn phòng Chính phủ). Province codes are
 * read the same way: alphabetical by name without diacritics, which reproduces every code
 * seen in public code (H14 Cao Bằng, H41 Nghệ An, H48 Quảng Ngãi, H56 Thanh Hóa); the
 * others are our reading.
 */

export interface Ministry {
  /** Level-1 group, e.g. `G15`. */
  code: string;
  name: string;
  /** The abbreviation used in document numbers, e.g. `BTP` in `04/2020/TT-BTP`. */
  abbr: string;
}

export const MINISTRIES: readonly Ministry[] = [
  { code: 'G01', name: 'Bộ Công an', abbr: 'BCA' },
  { code: 'G02', name: 'Bộ Công Thương', abbr: 'BCT' },
  { code: 'G03', name: 'Bộ Giáo dục và Đào tạo', abbr: 'BGDĐT' },
  { code: 'G04', name: 'Bộ Giao thông vận tải', abbr: 'BGTVT' },
  { code: 'G05', name: 'Bộ Kế hoạch và Đầu tư', abbr: 'BKHĐT' },
  { code: 'G06', name: 'Bộ Khoa học và Công nghệ', abbr: 'BKHCN' },
  { code: 'G07', name: 'Bộ Lao động - Thương binh và Xã hội', abbr: 'BLĐTBXH' },
  { code: 'G08', name: 'Bộ Ngoại giao', abbr: 'BNG' },
  { code: 'G09', name: 'Bộ Nội vụ', abbr: 'BNV' },
  { code: 'G10', name: 'Bộ Nông nghiệp và Phát triển nông thôn', abbr: 'BNNPTNT' },
  { code: 'G11', name: 'Bộ Quốc phòng', abbr: 'BQP' },
  { code: 'G12', name: 'Bộ Tài chính', abbr: 'BTC' },
  { code: 'G13', name: 'Bộ Tài nguyên và Môi trường', abbr: 'BTNMT' },
  { code: 'G14', name: 'Bộ Thông tin và Truyền thông', abbr: 'BTTTT' },
  { code: 'G15', name: 'Bộ Tư pháp', abbr: 'BTP' },
  { code: 'G16', name: 'Bộ Văn hóa, Thể thao và Du lịch', abbr: 'BVHTTDL' },
  { code: 'G17', name: 'Bộ Xây dựng', abbr: 'BXD' },
  { code: 'G18', name: 'Bộ Y tế', abbr: 'BYT' },
  { code: 'G19', name: 'Ngân hàng Nhà nước Việt Nam', abbr: 'NHNN' },
  { code: 'G20', name: 'Thanh tra Chính phủ', abbr: 'TTCP' },
  { code: 'G21', name: 'Ủy ban Dân tộc', abbr: 'UBDT' },
  { code: 'G22', name: 'Văn phòng Chính phủ', abbr: 'VPCP' },
];

/** Departments (Cục, Tổng cục, …) under a ministry, numbered 01… in this order. */
export const CENTRAL_UNITS: Readonly<Record<string, readonly string[]>> = {
  G01: ['Cục Cảnh sát quản lý hành chính về trật tự xã hội', 'Cục Quản lý xuất nhập cảnh', 'Cục Cảnh sát giao thông'],
  G02: ['Cục Xuất nhập khẩu', 'Cục Điện lực và Năng lượng tái tạo'],
  G03: ['Cục Quản lý chất lượng'],
  G04: ['Cục Đường bộ Việt Nam', 'Cục Đường thủy nội địa Việt Nam'],
  G05: ['Cục Quản lý đăng ký kinh doanh', 'Cục Đầu tư nước ngoài'],
  G06: ['Cục Sở hữu trí tuệ', 'Tổng cục Tiêu chuẩn Đo lường Chất lượng'],
  G07: ['Cục Người có công', 'Cục Việc làm', 'Cục Bảo trợ xã hội'],
  G08: ['Cục Lãnh sự'],
  G09: ['Ban Thi đua - Khen thưởng Trung ương', 'Ban Tôn giáo Chính phủ'],
  G10: ['Cục Trồng trọt', 'Cục Thú y', 'Tổng cục Lâm nghiệp'],
  G12: ['Cục Quản lý công sản'],
  G13: ['Tổng cục Quản lý đất đai', 'Cục Quản lý tài nguyên nước', 'Tổng cục Môi trường'],
  G14: ['Cục Xuất bản, In và Phát hành', 'Cục Viễn thông'],
  G15: ['Cục Hộ tịch, quốc tịch, chứng thực', 'Trung tâm Lý lịch tư pháp quốc gia', 'Cục Bổ trợ tư pháp', 'Cục Con nuôi'],
  G16: ['Cục Du lịch Quốc gia Việt Nam', 'Cục Nghệ thuật biểu diễn'],
  G17: ['Cục Quản lý hoạt động xây dựng', 'Cục Quản lý nhà và thị trường bất động sản'],
  G18: ['Cục Quản lý Dược', 'Cục Quản lý Khám, chữa bệnh', 'Cục An toàn thực phẩm'],
  G20: ['Cục Giải quyết khiếu nại, tố cáo và thanh tra khu vực I'],
};

export interface Province {
  /** Level-1 group, e.g. `H41`. */
  code: string;
  name: string;
  /** `tỉnh` or a centrally governed `thành phố`. */
  kind: 'tỉnh' | 'thành phố';
}

export const PROVINCES: readonly Province[] = [
  { code: 'H04', name: 'Bắc Kạn', kind: 'tỉnh' },
  { code: 'H14', name: 'Cao Bằng', kind: 'tỉnh' },
  { code: 'H15', name: 'Đà Nẵng', kind: 'thành phố' },
  { code: 'H24', name: 'Hà Nội', kind: 'thành phố' },
  { code: 'H27', name: 'Hải Phòng', kind: 'thành phố' },
  { code: 'H29', name: 'Hồ Chí Minh', kind: 'thành phố' },
  { code: 'H32', name: 'Khánh Hòa', kind: 'tỉnh' },
  { code: 'H40', name: 'Nam Định', kind: 'tỉnh' },
  { code: 'H41', name: 'Nghệ An', kind: 'tỉnh' },
  { code: 'H48', name: 'Quảng Ngãi', kind: 'tỉnh' },
  { code: 'H56', name: 'Thanh Hóa', kind: 'tỉnh' },
  { code: 'H57', name: 'Thừa Thiên Huế', kind: 'tỉnh' },
  { code: 'H60', name: 'Tuyên Quang', kind: 'tỉnh' },
];

export interface Department {
  name: string;
  /** The ministry whose procedures this department implements in the province. */
  ministry: string;
}

/**
 * Provincial departments, numbered 01… in this order as level-2 groups under the
 * province (`000.00.03.H41` is Sở Tư pháp tỉnh Nghệ An). Districts start at 41.
 */
export const DEPARTMENTS: readonly Department[] = [
  { name: 'Văn phòng Ủy ban nhân dân', ministry: 'G22' },
  { name: 'Sở Nội vụ', ministry: 'G09' },
  { name: 'Sở Tư pháp', ministry: 'G15' },
  { name: 'Sở Kế hoạch và Đầu tư', ministry: 'G05' },
  { name: 'Sở Tài chính', ministry: 'G12' },
  { name: 'Sở Công Thương', ministry: 'G02' },
  { name: 'Sở Nông nghiệp và Phát triển nông thôn', ministry: 'G10' },
  { name: 'Sở Giao thông vận tải', ministry: 'G04' },
  { name: 'Sở Xây dựng', ministry: 'G17' },
  { name: 'Sở Tài nguyên và Môi trường', ministry: 'G13' },
  { name: 'Sở Thông tin và Truyền thông', ministry: 'G14' },
  { name: 'Sở Lao động - Thương binh và Xã hội', ministry: 'G07' },
  { name: 'Sở Văn hóa, Thể thao và Du lịch', ministry: 'G16' },
  { name: 'Sở Khoa học và Công nghệ', ministry: 'G06' },
  { name: 'Sở Giáo dục và Đào tạo', ministry: 'G03' },
  { name: 'Sở Y tế', ministry: 'G18' },
  { name: 'Thanh tra', ministry: 'G20' },
  { name: 'Ban Dân tộc', ministry: 'G21' },
  { name: 'Ban Quản lý Khu kinh tế', ministry: 'G05' },
  { name: 'Sở Ngoại vụ', ministry: 'G08' },
];

/** First level-2 number used for districts, so departments and districts never collide. */
export const FIRST_DISTRICT_NUMBER = 41;
