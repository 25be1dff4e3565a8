import { edxmlInvalid } from './edxml-invalid';
import { formatEdxmlDate } from './format-edxml-date';
import { formatEdxmlTimestamp } from './format-edxml-timestamp';

/**
 * The builders' checks on model values, strict where the parser is lenient: each returns
 * the text to write (undefined for an absent optional value) or refuses with EDXML_INVALID
 * naming the model field. Text is written trimmed, as the parser reads it back.
 */

/** Characters XML 1.0 cannot carry, even escaped: most C0 controls, U+FFFE/U+FFFF, lone surrogates. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function refuse(field: string, problem: string): Error {
  return edxmlInvalid(`Cannot build edXML: ${field} ${problem}`, { field });
}

export function textValue(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw refuse(field, `must be a string; got ${typeof value}`);
  const text = value.trim();
  const bad = NOT_XML.exec(text);
  if (bad) throw refuse(field, `contains U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}, which XML cannot carry`);
  return text === '' ? undefined : text;
}

export function requiredTextValue(value: unknown, field: string): string {
  const text = textValue(value, field);
  if (text === undefined) throw refuse(field, 'is required');
  return text;
}

export function integerValue(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw refuse(field, `must be an integer; got ${JSON.stringify(value)}`);
  return String(value);
}

export function booleanValue(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw refuse(field, `must be true or false; got ${JSON.stringify(value)}`);
  return String(value);
}

/** An ISO `yyyy-MM-dd` date, written `yyyy/MM/dd`. */
export function dateValue(value: unknown, field: string): string | undefined {
  const text = textValue(value, field);
  if (text === undefined) return undefined;
  const formatted = formatEdxmlDate(text);
  if (formatted === undefined) throw refuse(field, `must be a calendar date as yyyy-MM-dd; got ${JSON.stringify(text)}`);
  return formatted;
}

/** An ISO date-time with an offset, written `yyyy/MM/dd HH:mm:ss` in Vietnam time. */
export function requiredTimestampValue(value: unknown, field: string): string {
  const text = requiredTextValue(value, field);
  const formatted = formatEdxmlTimestamp(text);
  if (formatted === undefined) {
    throw refuse(field, `must be an ISO date-time with an offset, e.g. 2015-09-20T11:08:36+07:00; got ${JSON.stringify(text)}`);
  }
  return formatted;
}

/** A list field: absent reads as empty; anything but an array is refused. */
export function listValue<T>(value: readonly T[] | undefined, field: string): readonly T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw refuse(field, 'must be an array');
  return value;
}

/** A required object field (an organ, the code, the business block). */
export function objectValue<T extends object>(value: T | undefined, field: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse(field, 'is required');
  return value;
}
