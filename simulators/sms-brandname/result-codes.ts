/**
 * `CodeResult` values of the simulated brandname gateway, strings as the gateway sends
 * them. (our reading) Modelled on the public API documentation of one Vietnamese
 * brandname gateway (eSMS/ViHAT: 100 accepted, 101 wrong ApiKey or SecretKey, 103 balance
 * too low, 104 brandname not registered, 124 RequestId already used, 300 message type
 * missing); 99, for input the gateway refuses (phone, content), is ours. Other gateways
 * (VNPT, Viettel, FPT) differ in names and codes, not in what a client must tell apart.
 */
export const SMS_RESULTS = {
  ACCEPTED: { CodeResult: '100', ErrorMessage: '' },
  WRONG_KEY: { CodeResult: '101', ErrorMessage: 'Sai thông tin ApiKey hoặc SecretKey.' },
  BALANCE_TOO_LOW: { CodeResult: '103', ErrorMessage: 'Không đủ số dư để gửi tin.' },
  BRANDNAME_UNKNOWN: { CodeResult: '104', ErrorMessage: 'Brandname không tồn tại.' },
  DUPLICATE_REQUEST_ID: { CodeResult: '124', ErrorMessage: 'Trùng RequestId khi gửi tin.' },
  TYPE_MISSING: { CodeResult: '300', ErrorMessage: 'Thiếu loại tin nhắn.' },
  INVALID_INPUT: { CodeResult: '99', ErrorMessage: 'Dữ liệu không hợp lệ' },
} as const;
