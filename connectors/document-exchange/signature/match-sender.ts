import type { CertificateHolder } from '../../kit/pki';
import type { EdxmlOrgan } from '../edxml';

/**
 * Whether a certificate speaks for the sending organ. Our reading (the specialised CA's
 * agency certificates are not published as a profile): one of the subject's values (CN, O,
 * OU, UID, serialNumber…) carries the sender's `OrganId`, or its O or CN is the sender's
 * `OrganName` / `OrganizationInCharge`. Names are compared without diacritics, case or
 * extra spaces, since certificates are often issued in unaccented Vietnamese
 * ("UBND Tinh Nghe An").
 */
export function matchesSender(holder: CertificateHolder, sender: EdxmlOrgan): boolean {
  const id = sender.organId.trim().toLowerCase();
  if (id && holder.subjectValues.some((value) => value.toLowerCase().split(/[^0-9a-z.]+/).includes(id))) return true;
  const names = [sender.organName, sender.organizationInCharge].filter((n): n is string => !!n && n.trim() !== '').map(fold);
  const held = [holder.organisation, holder.name].filter((n): n is string => n !== null).map(fold);
  return names.some((name) => held.includes(name));
}

/** Text without diacritics (đ → d), lower case, single spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
