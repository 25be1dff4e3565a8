/**
 * The `error` values the simulated ZNS answers with, HTTP 200 in every case as Zalo does.
 * (our reading) Zalo's documentation lists negative codes per failure; these are the ones
 * the gateway must tell apart, with the meanings read in public integrations. The
 * duplicate-tracking code is ours: Zalo documents no de-duplication, the simulator adds one
 * so a retried send is recognisable, and says so with this code and the first msg_id.
 */
export const ZNS_ERRORS = {
  RATE_LIMITED: { error: -32, message: 'Ứng dụng đã vượt quá giới hạn request cho phép' },
  UNKNOWN: { error: -100, message: 'Lỗi không xác định' },
  PHONE_INVALID: { error: -108, message: 'Số điện thoại không hợp lệ' },
  TEMPLATE_INVALID: { error: -109, message: 'ID template không hợp lệ' },
  TEMPLATE_DATA_INVALID: { error: -112, message: 'Dữ liệu template không hợp lệ' },
  NO_ZALO_ACCOUNT: { error: -118, message: 'Tài khoản Zalo không tồn tại hoặc đã bị vô hiệu hoá' },
  BODY_INVALID: { error: -122, message: 'Định dạng body không hợp lệ' },
  ACCESS_TOKEN_INVALID: { error: -124, message: 'Access token không hợp lệ' },
  QUOTA_EXCEEDED: { error: -144, message: 'OA đã vượt giới hạn gửi ZNS trong ngày' },
  DUPLICATE_TRACKING_ID: { error: -1001, message: 'tracking_id đã được gửi trước đó' },
} as const;

/** OAuth failures (`oauth.zaloapp.com/v4/oa/access_token`): `error` with `error_name` and `error_description`. */
export const OAUTH_ERRORS = {
  INVALID_APP: { error: -14001, error_name: 'Invalid app', error_description: 'app_id hoặc secret_key không đúng' },
  INVALID_GRANT_TYPE: { error: -14003, error_name: 'Invalid grant type', error_description: 'grant_type phải là refresh_token' },
  INVALID_REFRESH_TOKEN: { error: -14020, error_name: 'Invalid refresh token', error_description: 'Refresh token không hợp lệ hoặc đã được sử dụng' },
} as const;
