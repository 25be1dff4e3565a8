import type * as pkijs from 'pkijs';

/** Short names of the attribute types agency certificates use (RFC 4519, RFC 5280, X.520). */
const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'E',
};

/** One attribute of a distinguished name, its type by short name (or OID) and its value as text. */
export interface NameAttribute {
  type: string;
  value: string;
}

/** The attributes of a pkijs name, in the order written, each value decoded as text. */
export function readName(name: pkijs.RelativeDistinguishedNames): NameAttribute[] {
  return name.typesAndValues.map((attribute) => {
    const block = (attribute.value as { valueBlock?: { value?: unknown; valueHexView?: Uint8Array } }).valueBlock;
    const value = typeof block?.value === 'string' ? block.value : Buffer.from(block?.valueHexView ?? []).toString('hex');
    return { type: SHORT_NAMES[attribute.type] ?? attribute.type, value };
  });
}

/** A name as `C=VN, O=…, CN=…`, in the order written (for display, never for comparison). */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return readName(name)
    .map(({ type, value }) => `${type}=${value}`)
    .join(', ');
}
