export { createHttpClient } from './http-client';
export type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse, HttpClientStats } from './http-client';
export { parseJsonBody } from './parse-json-body';
export { checkReady } from './check-ready';
export type { Connector, ReadyReport } from './connector';
export { mapLimit } from './map-limit';
export { readText, readNumber, readCount, readAmount, readList, readObject, readDate } from './read-values';
export { readVietnamDateTime, isVietnamDateOnly, formatVietnamDateTime } from './read-vietnam-date-time';
export * from './xml';
