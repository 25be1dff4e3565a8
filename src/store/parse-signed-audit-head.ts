import { AUDIT_TEXT_LIMITS } from './audit-repository';
import type { SignedAuditHead } from './audit-head-repository';

const HEX_64 = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ALGORITHM = /^[A-Z0-9-]{1,40}$/;
const FIELDS = ['entryId', 'entryHash', 'signedAt', 'algorithm', 'signature', 'keyFingerprint'];

/**
 * Checks a signed head before either adapter writes it, so both accept and refuse the same.
 * @throws TypeError naming what is wrong and what arrived.
 */
export function parseSignedAuditHead(head: SignedAuditHead): SignedAuditHead {
  const problem = findProblem(head);
  if (problem) throw new TypeError(`AuditHeadRepository.append: not a valid SignedAuditHead: ${problem}; received ${JSON.stringify(head)?.slice(0, 400)}.`);
  return head;
}

function findProblem(head: SignedAuditHead): string | null {
  if (head === null || typeof head !== 'object') return 'it is not an object';
  const unknown = Object.keys(head).find((key) => !FIELDS.includes(key));
  if (unknown) return `${unknown} is not a field of SignedAuditHead`;
  if (typeof head.entryId !== 'string' || head.entryId.length < 1 || head.entryId.length > AUDIT_TEXT_LIMITS.id) return `entryId must be a string of 1 to ${AUDIT_TEXT_LIMITS.id} characters`;
  if (typeof head.entryHash !== 'string' || !HEX_64.test(head.entryHash)) return 'entryHash must be a lowercase hex sha256';
  if (!(head.signedAt instanceof Date) || Number.isNaN(head.signedAt.getTime())) return 'signedAt must be a valid Date';
  if (typeof head.algorithm !== 'string' || !ALGORITHM.test(head.algorithm)) return 'algorithm must be a name such as RSA-SHA256';
  if (typeof head.signature !== 'string' || head.signature.length > 2048 || !BASE64.test(head.signature)) return 'signature must be base64 of at most 2048 characters';
  if (typeof head.keyFingerprint !== 'string' || !HEX_64.test(head.keyFingerprint)) return 'keyFingerprint must be a lowercase hex sha256';
  return null;
}
