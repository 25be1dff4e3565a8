export { createLogger, createSilentLogger, parseLogFormat } from './create-logger';
export type { Logger, LoggerOptions, LogFormat } from './create-logger';
