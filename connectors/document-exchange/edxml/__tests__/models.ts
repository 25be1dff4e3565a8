import type { EdxmlBusiness, EdxmlBusinessDocType, EdxmlDocument, EdxmlStatus, EdxmlStatusCode } from '..';
import { EDXML_STATUS_CODES } from '..';

/** Every byte value once, so that base64 round trips are checked on more than text. */
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

const BUSINESS: Record<EdxmlBusinessDocType, EdxmlBusiness> = {
  NEW: {
    documentId: '000.00.00.H41,2024/03/05,125/UBND-VX',
    businessDocType: 'NEW',
    businessDocReason: 'Văn bản điện tử mới',
    paper: 1,
    replacementInfo: [],
    staffInfo: { department: 'Văn thư', staff: 'Trần Thị Lan', email: 'lan@nghean.gov.vn', mobile: '0912000111' },
  },
  REVOCATION: {
    documentId: '000.00.00.H41,2024/03/01,120/UBND-VX',
    businessDocType: 'REVOCATION',
    businessDocReason: 'Thu hồi do sai sót về thể thức',
    replacementInfo: [],
  },
  UPDATE: {
    documentId: '000.00.00.H41,2024/03/01,120/UBND-VX',
    businessDocType: 'UPDATE',
    businessDocReason: 'Cập nhật nơi nhận',
    paper: 0,
    documentInfo: {
      documentInfo: 0,
      documentReceiver: 1,
      receivers: [
        { receiverType: 1, organId: '000.00.12.H41' },
        { receiverType: 2, organId: '000.00.13.H41' },
      ],
    },
    replacementInfo: [],
    staffInfo: { staff: 'Trần Thị Lan' },
  },
  REPLACEMENT: {
    documentId: '000.00.00.H41,2024/03/05,125/UBND-VX',
    businessDocType: 'REPLACEMENT',
    businessDocReason: 'Thay thế văn bản số 120/UBND-VX',
    replacementInfo: [
      { documentId: '000.00.00.H41,2024/03/01,120/UBND-VX', organIds: ['000.00.12.H41', '000.00.13.H41'] },
      { documentId: '000.00.00.H41,2024/03/02,121/UBND-VX', organIds: ['000.00.00.G22'] },
    ],
  },
};

/** A document with every field of the model set, several To, several attachments, and the given business type. */
export function fullDocument(businessDocType: EdxmlBusinessDocType = 'NEW'): EdxmlDocument {
  return {
    from: {
      organId: '000.00.00.H41',
      organizationInCharge: 'UBND Tỉnh Nghệ An',
      organName: 'Văn phòng UBND Tỉnh Nghệ An',
      organAdd: 'Số 03, đường Trường Thi, Thành phố Vinh',
      email: 'vanphong@nghean.gov.vn',
      telephone: '0238 3840418',
      fax: '0238 3843049',
      website: 'https://nghean.gov.vn',
    },
    to: [
      { organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' },
      { organId: '000.00.53.H48', organName: 'UBND huyện  Sơn Tịnh', email: 'sontinh@quangngai.gov.vn' },
      { organId: '000.00.12.H41', organName: 'Sở Tư pháp & Sở Nội vụ <liên ngành>' },
    ],
    documentId: '000.00.00.H41,2024/03/05,125/UBND-VX',
    code: { codeNumber: '125', codeNotation: 'UBND-VX' },
    promulgationInfo: { place: 'Nghệ An', date: '2024-03-05' },
    documentType: { type: 1, typeDetail: 3, typeName: 'Công văn' },
    subject: 'V/v triển khai   liên thông văn bản "điện tử" ]]> cấp xã',
    content: 'Dòng một\nDòng hai\r\nDòng ba\tcó tab',
    signerInfo: { competence: 'KT. CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', fullName: 'Nguyễn Văn Đệ' },
    dueDate: '2024-03-29',
    toPlaces: ['Như trên', 'Lưu: VT, VX'],
    otherInfo: {
      priority: 2,
      sphereOfPromulgation: 'Liên thông văn bản quốc gia',
      typerNotation: 'NVĐ',
      promulgationAmount: 15,
      pageAmount: 3,
      direction: true,
      appendixes: ['Phụ lục I: Danh sách đơn vị', 'Phụ lục II: Lộ trình'],
    },
    steeringType: 2,
    responseFor: [
      { organId: '000.00.00.G22', code: '7816/VPCP-TTĐT', promulgationDate: '2015-09-30', documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT' },
      { organId: '000.00.00.G22', code: '12/VPCP-KSTT', documentId: '000.00.00.G22,2016/01/04,12/VPCP-KSTT' },
    ],
    traces: [
      { organId: '000.00.00.H41', timestamp: '2024-03-05T08:15:00+07:00' },
      { organId: '000.00.00.G22', timestamp: '2024-03-05T23:59:59+07:00' },
    ],
    business: BUSINESS[businessDocType],
    attachments: [
      {
        contentId: 'cid:1',
        name: '125-UBND-VX.pdf',
        description: 'Văn bản chính',
        contentType: 'application/pdf',
        size: 256,
        content: ALL_BYTES,
      },
      {
        contentId: 'cid:phu-luc-2',
        name: 'Phụ lục II.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        size: 5,
        content: Buffer.from('hello'),
      },
      { contentId: 'cid:3', name: 'rỗng.txt', size: 0, content: Buffer.alloc(0) },
    ],
    signature: { present: false, xmldsigNamespace: false, enveloped: false, hasX509Certificate: false, verification: 'NOT_VERIFIED' },
  };
}

/** A status message with every field set, for the given code. */
export function fullStatus(statusCode: EdxmlStatusCode): EdxmlStatus {
  return {
    from: {
      organId: '000.00.53.H48',
      organizationInCharge: 'UBND Tỉnh Quảng Ngãi',
      organName: 'UBND huyện Sơn Tịnh',
      organAdd: 'Thị trấn Tịnh Hà, huyện Sơn Tịnh',
      email: 'sontinh@quangngai.gov.vn',
      telephone: '0255 3670123',
      fax: '0255 3670124',
      website: 'sontinh.quangngai.gov.vn',
    },
    responseFor: {
      organId: '000.00.00.H41',
      code: '125/UBND-VX',
      promulgationDate: '2024-03-05',
      documentId: '000.00.00.H41,2024/03/05,125/UBND-VX',
    },
    staffInfo: { department: 'Phòng Văn thư - Lưu trữ', staff: 'Lê Văn Hùng', email: 'hung@sontinh.gov.vn', mobile: '0905123456' },
    statusCode,
    statusLabel: EDXML_STATUS_CODES[statusCode].label,
    description: `Văn thư: ${EDXML_STATUS_CODES[statusCode].label}`,
    timestamp: '2024-03-06T09:30:00+07:00',
    traces: [{ organId: '000.00.53.H48', timestamp: '2024-03-06T09:30:01+07:00' }],
  };
}
