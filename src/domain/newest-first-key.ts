/**
 * A string key that sorts ascending as "newest first, then by `id`", for keyset paging
 * over records stamped with ISO instants all written the same way (ISO 8601 with +07:00,
 * as readVietnamDateTime writes them). Complementing the instant's digits (d → 9−d) turns
 * "newer" into "smaller"; records without an instant sort last.
 */
export function newestFirstKey(at: string | null, id: string): string {
  const key = at === null ? '~' : at.replace(/\d/g, (digit) => String(9 - Number(digit)));
  return `${key}|${id}`;
}
