import type { DossierRecord } from '../domain';

/** Whether the applicant of a dossier agreed to be sent status messages. */
export type ConsentPolicy = (record: DossierRecord) => boolean;

/**
 * Consent as a deployment decides it, per province. No one-stop dialect carries a consent
 * flag on the dossier (iGate, motcua and the SOAP services of docs/sources.md §2 have none):
 * applicants agree to status messages under the terms of the province's portal and desk,
 * so whether a province's applicants consented is that province's statement, written in
 * config. Without a statement nobody is messaged. The province is read from the dossier
 * code's agency (`…H56-240315-0001` → `H56`).
 */
export function consentPolicy({ byDefault = false, provinces = {} }: { byDefault?: boolean; provinces?: Readonly<Record<string, boolean>> }): ConsentPolicy {
  return (record) => {
    const province = /^\d{3}\.\d{2}\.\d{2}\.([A-Z]\d{2})-/.exec(record.code.trim())?.[1];
    return (province !== undefined ? provinces[province] : undefined) ?? byDefault;
  };
}
