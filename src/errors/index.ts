export { ERROR_CATALOGUE, ERROR_CODES, isErrorCode } from './catalogue';
export type { ErrorCode } from './catalogue';
export { GatewayError, isGatewayError } from './gateway-error';
export type { GatewayErrorExtensions } from './gateway-error';
