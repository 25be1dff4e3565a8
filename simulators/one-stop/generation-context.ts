import type { RawAgency } from '../national-procedures/types';
import { createListingTimeline, type ListingTimeline } from './listing-timeline';
import { hashString } from './object-id';
import { profileProcedure, type ProcedureProfile } from './procedure-profile';
import { readProvinceDirectory, type ProvinceDirectory } from './province-directory';
import { createStaffDirectory, type AgencyStaff } from './staff-directory';
import { toSlug } from './to-slug';
import type { ProcedureInput } from './types';

/**
 * What generating any dossier of one province needs, built once: per-procedure profiles,
 * the province's agencies, staff per agency (made on first use), the listing timeline.
 * Its size depends on the catalogue and the directory, never on the number of dossiers.
 */
export interface GenerationContext {
  seed: number;
  provinceCode: string;
  /** Dossiers of the generated history. */
  count: number;
  now: number;
  since: number;
  profiles: readonly ProcedureProfile[];
  /** Profiles of services offered online (level 3 and 4), for submissions made online. */
  onlineProfiles: readonly ProcedureProfile[];
  directory: ProvinceDirectory;
  staffOf(agencyCode: string, level: 1 | 2 | 3): AgencyStaff;
  timeline: ListingTimeline;
  /** `https://dichvucong.thanhhoa.gov.vn`: where the one-stop system serves files. */
  fileHost: string;
  /** Seeds of the per-dossier streams: the core (what listings filter on) and the details. */
  coreKey: number;
  detailKey: number;
}

export interface GenerationOptions {
  seed: number;
  provinceCode: string;
  agencies: readonly RawAgency[];
  procedures: readonly ProcedureInput[];
  count: number;
  now: Date;
  /** Dossiers registered per simulated day after `now`; `history` keeps the pace of the history's last four weeks. */
  newPerDay: number | 'history';
}

/** Throws when the province or its districts are not in `agencies`, or `procedures` is empty. */
export function createGenerationContext({ seed, provinceCode, agencies, procedures, count, now, newPerDay }: GenerationOptions): GenerationContext {
  if (procedures.length === 0) throw new Error('generateDossiers: `procedures` is empty; pass at least one procedure of the national catalogue');
  if (!Number.isInteger(count) || count < 0) throw new Error(`generateDossiers: \`count\` must be a non-negative integer, got ${String(count)}`);
  const directory = readProvinceDirectory(agencies, provinceCode);
  const profiles = procedures.map((procedure) => profileProcedure(procedure, seed));
  const key = hashString(`${seed}|dossiers|${provinceCode}`);
  const timeline = createListingTimeline({ count, now: now.getTime(), key: hashString(`${seed}|listing|${provinceCode}`), newPerDay });
  return {
    seed,
    provinceCode,
    count,
    now: timeline.now,
    since: timeline.since,
    profiles,
    onlineProfiles: profiles.filter((profile) => profile.serviceLevel !== 2),
    directory,
    staffOf: createStaffDirectory(seed),
    timeline,
    fileHost: `https://dichvucong.${toSlug(directory.provincePlace.replace(/^(tỉnh|thành phố)\s+/i, '')).replace(/-/g, '')}.gov.vn`,
    coreKey: key,
    detailKey: hashString(`${seed}|details|${provinceCode}`),
  };
}
