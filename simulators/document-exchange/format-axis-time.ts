const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * `yyyy-MM-dd HH:mm:ss` in Vietnam time (UTC+7, no daylight saving), the form this
 * simulator writes `created_time`, `sentTime` and the like in (our reading: the SDK
 * passes these through as strings without parsing them).
 */
export function formatAxisTime(date: Date): string {
  return new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
