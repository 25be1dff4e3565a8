import { foldedForm } from './fold-text';

/**
 * Roles (chức danh) one-stop systems give a citizen acting on their own dossier, folded:
 * the submitter of an online dossier (Người nộp hồ sơ), the applicant (Chủ hồ sơ, Công
 * dân, Tổ chức/cá nhân), their representative (Người đại diện, Người được ủy quyền), and
 * any longer title that begins with one (Người được ủy quyền nộp hồ sơ, Công dân nộp trực tuyến).
 */
const CITIZEN_ROLE = /^(?:nguoi (?:nop(?: ho so)?|dai dien|duoc uy quyen|dan|de nghi|yeu cau)|chu ho so|cong dan|(?:to chuc )?ca nhan)(?: |$)/;

/** True when a step's `position` says a citizen, not an officer, acted: its handler is then masked whatever the name. */
export function isCitizenRole(position: unknown): boolean {
  if (typeof position !== 'string') return false;
  return CITIZEN_ROLE.test(
    foldedForm(position)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim(),
  );
}
