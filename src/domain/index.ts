export * from './administrative-level';
export * from './agency-code';
export * from './procedure-code';
export { newestFirstKey } from './newest-first-key';
export { toInternationalPhone } from './phone-number';
export { startOfVietnamDay, vietnamDayOfMs } from './vietnam-day';
export type * from './procedure';
export type * from './dossier';
export { DOSSIER_STATUS_LABELS } from './dossier';
