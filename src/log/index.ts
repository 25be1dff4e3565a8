export { createLogger, createSilentLogger } from './create-logger';
export type { Logger } from './create-logger';
