import { PORTAL_ERROR_CODES, type PortalRefusal } from './portal-reply';

/** A record's value as trimmed text, or null when absent or blank (the portal reads "" as "none"). */
export function textOf(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

/**
 * The portal takes every value as a string (docs/sources.md §4); the keys in `lists` take an
 * array of objects whose values are strings. Returns the first value of another type,
 * named by its path, or null. `null` is refused like a number: absent keys are fine.
 */
export function findNonStringValue(record: Record<string, unknown>, lists: readonly string[], path = ''): PortalRefusal | null {
  for (const [key, value] of Object.entries(record)) {
    const at = `${path}${key}`;
    if (lists.includes(key)) {
      if (!Array.isArray(value)) return invalid(`${at} phải là danh sách`);
      for (const [i, item] of value.entries()) {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) return invalid(`${at}[${i}] phải là một đối tượng`);
        const nested = findNonStringValue(item as Record<string, unknown>, [], `${at}[${i}].`);
        if (nested) return nested;
      }
    } else if (typeof value !== 'string') {
      return invalid(`giá trị của trường ${at} phải là chuỗi, nhận được ${JSON.stringify(value)}`);
    }
  }
  return null;
}

/** The first of `keys` missing or blank in `record`, as the portal's missing-value refusal; null when all are there. */
export function findMissing(record: Record<string, unknown>, keys: readonly string[], path = ''): PortalRefusal | null {
  const key = keys.find((k) => textOf(record, k) === null);
  return key === undefined ? null : { code: PORTAL_ERROR_CODES.missingValue, message: `Thiếu thông tin bắt buộc: ${path}${key}` };
}

/** The portal's refusal of a value out of its domain (error_code 15), `detail` saying which and what arrived. */
export function invalid(detail: string): PortalRefusal {
  return { code: PORTAL_ERROR_CODES.invalidValue, message: `Giá trị không hợp lệ: ${detail}` };
}
