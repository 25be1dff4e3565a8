export { startSmsBrandnameSimulator, SMS_SEND_PATH, BALANCE_PATH } from './start-sms-brandname-simulator';
export type { SmsBrandnameSimulator, SmsBrandnameSimulatorOptions, SmsFailure } from './start-sms-brandname-simulator';
export { SMS_RESULTS } from './result-codes';
export type { SmsReceivedMessage, SmsSimulatorState } from './types';
