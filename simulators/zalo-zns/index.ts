export { startZaloZnsSimulator } from './start-zalo-zns-simulator';
export type { ZaloZnsSimulator, ZaloZnsSimulatorOptions, ZnsFailure } from './start-zalo-zns-simulator';
export { DEMO_ZNS_TEMPLATES } from './demo-templates';
export { ZNS_ERRORS, OAUTH_ERRORS } from './error-codes';
export type { ZnsReceivedMessage, ZnsSimulatorState, ZnsTemplate, ZnsTemplateParam } from './types';
