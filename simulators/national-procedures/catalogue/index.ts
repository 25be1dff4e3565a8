import { BUSINESS_SECTORS } from './business-sectors';
import { JUSTICE_SECTORS } from './justice-sectors';
import { LAND_SECTORS } from './land-sectors';
import type { SectorTemplate } from './sector-template';
import { SOCIAL_SECTORS } from './social-sectors';
import { STATE_SECTORS } from './state-sectors';

export type { ApplicantKind, LawTemplate, Level, SectorTemplate } from './sector-template';

/** Every sector the simulated national database publishes, in a fixed order. */
export const SECTOR_TEMPLATES: readonly SectorTemplate[] = [...JUSTICE_SECTORS, ...BUSINESS_SECTORS, ...LAND_SECTORS, ...SOCIAL_SECTORS, ...STATE_SECTORS];
