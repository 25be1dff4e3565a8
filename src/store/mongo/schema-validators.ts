/**
 * Validators the MongoDB schemas share. mongoose runs custom validators on null as well,
 * so the nullable ones say so themselves.
 */

/** A whole number from `min` to `max` (inclusive). */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return {
    validator: (value: unknown) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
    message: `{PATH} must be a whole number from ${min} to ${max}; got {VALUE}`,
  };
}

/** Null, or a whole number from `min` to `max` (inclusive). */
export function nullableWholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  const whole = wholeNumber(min, max);
  return { validator: (value: unknown) => value === null || whole.validator(value), message: `{PATH} must be null or a whole number from ${min} to ${max}; got {VALUE}` };
}

/** Any string, the empty one included (mongoose's `required` refuses ''). */
export const anyString = { validator: (value: unknown) => typeof value === 'string', message: '{PATH} must be a string; got {VALUE}' };
