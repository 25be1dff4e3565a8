/**
 * Real districts of the provinces whose whole hierarchy the simulators model. Communes
 * are generated: in most provinces a district's communes share its first syllable
 * (Diễn Kỷ, Diễn Hoa in Diễn Châu; Hoằng Đạo in Hoằng Hóa), which `communePrefix` keeps.
 */

export interface DistrictName {
  name: string;
  kind: 'thành phố' | 'thị xã' | 'huyện';
  communePrefix: string;
}

const city = (name: string, communePrefix: string): DistrictName => ({ name, kind: 'thành phố', communePrefix });
const town = (name: string, communePrefix: string): DistrictName => ({ name, kind: 'thị xã', communePrefix });
const rural = (name: string, communePrefix: string): DistrictName => ({ name, kind: 'huyện', communePrefix });

/** Districts per province code, numbered from FIRST_DISTRICT_NUMBER in this order. */
export const DISTRICTS: Readonly<Record<string, readonly DistrictName[]>> = {
  H41: [
    city('Vinh', 'Hưng'), town('Cửa Lò', 'Nghi'), town('Thái Hòa', 'Nghĩa'), town('Hoàng Mai', 'Quỳnh'),
    rural('Anh Sơn', 'Hội'), rural('Con Cuông', 'Môn'), rural('Diễn Châu', 'Diễn'), rural('Đô Lương', 'Đà'),
    rural('Hưng Nguyên', 'Hưng'), rural('Kỳ Sơn', 'Mường'), rural('Nam Đàn', 'Nam'), rural('Nghi Lộc', 'Nghi'),
    rural('Nghĩa Đàn', 'Nghĩa'), rural('Quế Phong', 'Châu'), rural('Quỳ Châu', 'Châu'), rural('Quỳ Hợp', 'Châu'),
    rural('Quỳnh Lưu', 'Quỳnh'), rural('Tân Kỳ', 'Tân'), rural('Thanh Chương', 'Thanh'), rural('Tương Dương', 'Tam'),
    rural('Yên Thành', 'Công'),
  ],
  H48: [
    city('Quảng Ngãi', 'Nghĩa'), town('Đức Phổ', 'Phổ'), rural('Ba Tơ', 'Ba'), rural('Bình Sơn', 'Bình'),
    rural('Lý Sơn', 'An'), rural('Minh Long', 'Long'), rural('Mộ Đức', 'Đức'), rural('Nghĩa Hành', 'Hành'),
    rural('Sơn Hà', 'Sơn'), rural('Sơn Tây', 'Sơn'), rural('Sơn Tịnh', 'Tịnh'), rural('Trà Bồng', 'Trà'),
    rural('Tư Nghĩa', 'Nghĩa'),
  ],
  H56: [
    city('Thanh Hóa', 'Đông'), city('Sầm Sơn', 'Quảng'), town('Bỉm Sơn', 'Hà'), town('Nghi Sơn', 'Hải'),
    rural('Bá Thước', 'Lũng'), rural('Cẩm Thủy', 'Cẩm'), rural('Đông Sơn', 'Đông'), rural('Hà Trung', 'Hà'),
    rural('Hậu Lộc', 'Hoa'), rural('Hoằng Hóa', 'Hoằng'), rural('Lang Chánh', 'Giao'), rural('Mường Lát', 'Mường'),
    rural('Nga Sơn', 'Nga'), rural('Ngọc Lặc', 'Ngọc'), rural('Như Thanh', 'Xuân'), rural('Như Xuân', 'Thanh'),
    rural('Nông Cống', 'Tượng'), rural('Quan Hóa', 'Phú'), rural('Quan Sơn', 'Trung'), rural('Quảng Xương', 'Quảng'),
    rural('Thạch Thành', 'Thành'), rural('Thiệu Hóa', 'Thiệu'), rural('Thọ Xuân', 'Xuân'), rural('Thường Xuân', 'Lương'),
    rural('Triệu Sơn', 'Thọ'), rural('Vĩnh Lộc', 'Vĩnh'), rural('Yên Định', 'Định'),
  ],
  H32: [
    city('Nha Trang', 'Vĩnh'), city('Cam Ranh', 'Cam'), town('Ninh Hòa', 'Ninh'), rural('Cam Lâm', 'Cam'),
    rural('Diên Khánh', 'Diên'), rural('Khánh Sơn', 'Sơn'), rural('Khánh Vĩnh', 'Khánh'), rural('Trường Sa', 'Sinh'),
    rural('Vạn Ninh', 'Vạn'),
  ],
};

/** Second syllables of commune names (prefix + suffix, e.g. Diễn + Kỷ). */
export const COMMUNE_SUFFIXES: readonly string[] = [
  'An', 'Bình', 'Châu', 'Đông', 'Đức', 'Hải', 'Hiệp', 'Hòa', 'Hợp', 'Hưng', 'Kim', 'Kỷ', 'Lâm', 'Liên', 'Lộc',
  'Long', 'Minh', 'Mỹ', 'Nam', 'Nghĩa', 'Phong', 'Phú', 'Phúc', 'Quang', 'Sơn', 'Tân', 'Tây', 'Thái', 'Thành',
  'Thịnh', 'Thủy', 'Tiến', 'Trung', 'Trường', 'Vạn', 'Xuân', 'Yên', 'Thắng', 'Lợi', 'Cát',
];

/** Ward names common in Vietnamese cities and towns. */
export const WARD_NAMES: readonly string[] = [
  'Lê Lợi', 'Quang Trung', 'Trần Phú', 'Nguyễn Du', 'Lê Hồng Phong', 'Hoàng Văn Thụ', 'Phan Bội Châu', 'Điện Biên',
  'Ngọc Trạo', 'Trần Hưng Đạo', 'Hưng Bình', 'Hà Huy Tập', 'Trường Thi', 'Bến Thủy', 'Đội Cung', 'Cửa Nam',
  'Nghĩa Chánh', 'Nghĩa Lộ', 'Lộc Thọ', 'Vĩnh Hải', 'Vĩnh Phước', 'Phước Hải', 'Bắc Sơn', 'Trung Sơn', 'Nam Ngạn',
  'Đông Vệ', 'Đông Thọ', 'Tân Sơn', 'Ba Đình', 'Ngọc Hiệp',
];
