/** Kinds of personal data the schema marks with `@pii`. */
export type PiiKind = 'NAME' | 'ID_NUMBER' | 'PHONE' | 'EMAIL' | 'ADDRESS' | 'FREE_TEXT';

/**
 * Masks a personal value so that it can still be recognised by its owner or matched by
 * an officer holding the document, but not read: citizen ID `0010******26` (first four,
 * last two), phone `091*****78`, email `l***@yahoo.com.vn`, name `N*** V*** A***`
 * (initials), address keeping only its last two parts (district, province).
 */
export function maskPii(kind: PiiKind, value: string): string {
  switch (kind) {
    case 'ID_NUMBER':
      return value.length <= 6 ? '*'.repeat(value.length) : `${value.slice(0, 4)}${'*'.repeat(value.length - 6)}${value.slice(-2)}`;
    case 'PHONE':
      return value.length <= 5 ? '*'.repeat(value.length) : `${value.slice(0, 3)}${'*'.repeat(value.length - 5)}${value.slice(-2)}`;
    case 'EMAIL': {
      const at = value.lastIndexOf('@');
      return at <= 0 ? '***' : `${value[0]}***${value.slice(at)}`;
    }
    case 'NAME':
      return value
        .split(/\s+/)
        .filter(Boolean)
        .map((word) => `${[...word][0]}***`)
        .join(' ');
    case 'ADDRESS': {
      const parts = value.split(',').map((p) => p.trim());
      return parts.length <= 2 ? '***' : ['***', ...parts.slice(-2)].join(', ');
    }
    case 'FREE_TEXT':
      return maskFreeText(value, []);
  }
}

/**
 * Free text that may quote personal data (a dossier's summary names its applicant): the
 * given names are replaced by their masked form, and runs of 9 or more digits (ID and
 * phone numbers) keep only their first and last two digits.
 */
export function maskFreeText(value: string, names: readonly string[]): string {
  let masked = value;
  for (const name of names) {
    if (name.trim().length > 1) masked = masked.split(name).join(maskPii('NAME', name));
  }
  return masked.replace(/\d{9,}/g, (digits) => `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`);
}
