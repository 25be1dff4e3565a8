import * as pkijs from 'pkijs';
import type { Der } from './read-der-blocks';
import { formatName, readName } from './read-name';

/** Who a certificate names, as the schema's `signer` shows it. */
export interface CertificateHolder {
  /** Common name (CN): the person, or the agency for an organisation certificate. */
  name: string | null;
  /** Organisation (O), several joined with ", ". */
  organisation: string | null;
  /** Serial number, upper-case hex as CAs print it. */
  serialNumber: string;
  /** The issuing CA's distinguished name. */
  issuer: string;
  /** Every value of the subject's name (CN, O, OU, UID, serialNumber…), for matching against the sender. */
  subjectValues: string[];
  notBefore: Date;
  notAfter: Date;
}

/** Reads the names of a certificate (DER). @throws Error when it is not a certificate. */
export function describeCertificate(der: Der): CertificateHolder {
  const certificate = pkijs.Certificate.fromBER(der);
  const subject = readName(certificate.subject);
  const join = (type: string): string | null => subject.filter((a) => a.type === type).map((a) => a.value).join(', ') || null;
  return {
    name: join('CN'),
    organisation: join('O'),
    serialNumber: serialNumberOf(certificate),
    issuer: formatName(certificate.issuer),
    subjectValues: subject.map((a) => a.value),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
  };
}

/** The serial number as upper-case hex, without the sign byte DER adds to a positive number. */
export function serialNumberOf(certificate: pkijs.Certificate): string {
  const hex = Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase();
  return hex.replace(/^(00)+(?=[0-9A-F]{2})/, '') || '0';
}
