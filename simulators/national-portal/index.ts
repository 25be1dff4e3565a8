export { startNationalPortalSimulator } from './start-national-portal-simulator';
export type { NationalPortalSimulator, NationalPortalSimulatorOptions } from './start-national-portal-simulator';
export { PORTAL_ERROR_CODES } from './portal-reply';
export type { RandomFailures } from './random-failures';
export type { PortalDossierState, PortalRecord, PortalState, PortalWrite } from './types';
