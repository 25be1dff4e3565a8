import { parseAgencyCode } from '../../src/domain';

/** Where a dossier's agency code came from. */
export type DossierAgencySource = 'record' | 'dossier-code' | 'parent';

/**
 * The agency a dossier belongs to, which decides who may see it (jurisdiction) and whose
 * figures it counts in; a dossier must never come out without one when its source says
 * anything at all. In order:
 *
 * 1. the agency the record names (`DonViXuLy`, iGate `agency.code`), when it is a
 *    well-formed agency code: the agency handling the dossier. It wins over the dossier
 *    code's prefix when the two disagree, because the prefix is fixed at reception and
 *    does not follow a dossier passed on to another agency (liên thông), while the figures
 *    provinces publish ("tỷ lệ hồ sơ trả đúng hạn") count dossiers against the agency
 *    that handles them;
 * 2. the prefix of the dossier code (`000.00.53.H48` of `000.00.53.H48-220921-0099`), the
 *    receiving agency, when the record names no agency or names one that is not a code
 *    (iGate's own clients post `agency` with only `parent` and `ancestors`);
 * 3. `parents`, nearest first (iGate's `agency.parent.code`): an agency above the
 *    dossier's, so at least that agency and those above it see it;
 * 4. what the record named, as it is, when nothing above is a code: a label no
 *    jurisdiction matches, kept rather than dropped.
 */
export function resolveDossierAgency(
  dossierCode: string,
  recordAgency: string | null,
  parents: ReadonlyArray<string | null> = [],
): { code: string | null; from: DossierAgencySource | null } {
  const own = recordAgency === null ? null : parseAgencyCode(recordAgency);
  if (own) return { code: own.code, from: 'record' };
  const prefix = parseAgencyCode(dossierCode.trim().split('-')[0] ?? '');
  if (prefix) return { code: prefix.code, from: 'dossier-code' };
  for (const parent of parents) {
    const parsed = parent === null ? null : parseAgencyCode(parent);
    if (parsed) return { code: parsed.code, from: 'parent' };
  }
  return { code: recordAgency, from: recordAgency === null ? null : 'record' };
}
