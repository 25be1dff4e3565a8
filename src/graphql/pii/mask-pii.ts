import { maskFreeText } from './mask-free-text';
import { maskName } from './mask-name';

/** Kinds of personal data the schema marks with `@pii` (schema/base.graphql, `PiiKind`). */
export type PiiKind = 'NAME' | 'ID_NUMBER' | 'PHONE' | 'EMAIL' | 'ADDRESS' | 'FREE_TEXT' | 'ACTOR' | 'FILE_LINK';

/** Separators people write inside ID and phone numbers: `0010 8900 1234`, `0912.345.678`, `(+84) 912-345-678`. */
const NUMBER_SEPARATORS = /[\s.\-()]/g;

/**
 * Masks a personal value of a structured field so that it can still be recognised by its
 * owner or matched by an officer holding the papers, but not read: citizen ID
 * `0010******26` (first four, last two digits), phone `091*****78`, email
 * `l***@yahoo.com.vn`, name `N*** V*** A***` (initials), address keeping only its last two
 * parts (district, province), a file link withheld (null). ID and phone numbers are
 * masked without the spaces, dots and dashes they were written with, which would
 * otherwise shift what is shown. Free text: {@link maskFreeText}, without a record to
 * mask it against.
 */
export function maskPii(kind: Exclude<PiiKind, 'ACTOR'>, value: string): string | null {
  switch (kind) {
    case 'ID_NUMBER': {
      const compact = value.replace(NUMBER_SEPARATORS, '');
      return compact.length <= 6 ? '*'.repeat(compact.length) : `${compact.slice(0, 4)}${'*'.repeat(compact.length - 6)}${compact.slice(-2)}`;
    }
    case 'PHONE': {
      const compact = value.replace(NUMBER_SEPARATORS, '');
      return compact.length <= 5 ? '*'.repeat(compact.length) : `${compact.slice(0, 3)}${'*'.repeat(compact.length - 5)}${compact.slice(-2)}`;
    }
    case 'EMAIL': {
      const trimmed = value.trim();
      const at = trimmed.lastIndexOf('@');
      return at <= 0 ? '***' : `${[...trimmed][0]}***${trimmed.slice(at)}`;
    }
    case 'NAME':
      return maskName(value);
    case 'ADDRESS': {
      const parts = value.split(',').map((p) => p.trim());
      return parts.length <= 2 ? '***' : ['***', ...parts.slice(-2)].join(', ');
    }
    case 'FILE_LINK':
      return null;
    case 'FREE_TEXT':
      return maskFreeText(value, null);
  }
}
