/**
 * The personal data a record is about, which free text about the record (its summary,
 * its processing steps, its papers' file names) is masked against.
 */
export interface PersonalData {
  /** The people and organisations the record names as its owner, as the source spelled them. */
  names: readonly string[];
}

/**
 * The personal data of a record that has an applicant (a dossier): the applicant's name.
 * Null for anything else. ID numbers, phone numbers and email addresses need no record:
 * free text masks every one it finds.
 */
export function personalDataOf(record: unknown): PersonalData | null {
  const name = (record as { applicant?: { name?: unknown } } | null | undefined)?.applicant?.name;
  return typeof name === 'string' && name.trim() !== '' ? { names: [name] } : null;
}
