import type { AdministrativeLevel } from './administrative-level';

/**
 * The gateway's own model of an administrative procedure (TTHC), whatever the source.
 * References to agencies, sectors and other procedures are kept as codes (with the name
 * the source gave, as a fallback) and resolved by the GraphQL layer through loaders.
 */
export interface ProcedureRecord {
  code: string;
  name: string;
  /** LOAITTHC as published (1, 2 or 3). */
  typeCode: number | null;
  published: boolean;
  publishingAgencyCode: string | null;
  decision: { id: string | null; text: string | null } | null;
  levels: AdministrativeLevel[];
  sectors: CodeName[];
  requirements: string | null;
  keywords: string | null;
  description: string | null;
  applicantDescription: string | null;
  implementingAgencyDescription: string | null;
  competentAgencyDescription: string | null;
  receivingAddress: string | null;
  steps: ProcedureStepsRecord[];
  channels: ProcedureChannelRecord[];
  applicantTypes: CodeName[];
  requiredPapers: PaperSetRecord[];
  results: ProcedureResultRecord[];
  legalBasis: LegalDocumentRecord[];
  implementingAgencies: CodeName[];
  competentAgencies: CodeName[];
  authorizedAgencies: CodeName[];
  coordinatingAgencies: CodeName[];
  relatedProcedures: CodeName[];
  interconnectedProcedures: CodeName[];
}

export interface CodeName {
  code: string;
  name: string | null;
}

export interface ProcedureStepsRecord {
  case: string | null;
  steps: string[];
}

export type ChannelKind = 'IN_PERSON' | 'ONLINE' | 'POSTAL';

export interface ProcedureChannelRecord {
  channel: ChannelKind | null;
  channelCode: number | null;
  timeLimits: TimeLimitRecord[];
}

export interface TimeLimitRecord {
  duration: number | null;
  unit: string | null;
  description: string | null;
  fees: FeeRecord[];
}

export interface FeeRecord {
  code: string | null;
  amount: number | null;
  currency: string | null;
  description: string | null;
  fileName: string | null;
  url: string | null;
}

export interface PaperSetRecord {
  case: string | null;
  papers: PaperRecord[];
}

export interface PaperRecord {
  code: string | null;
  name: string | null;
  formName: string | null;
  formUrl: string | null;
  originals: number | null;
  copies: number | null;
  replacedByResultCode: string | null;
}

export interface ProcedureResultRecord {
  code: string | null;
  name: string | null;
  fileName: string | null;
  url: string | null;
}

export interface LegalDocumentRecord {
  number: string | null;
  title: string | null;
  /** ISO date `yyyy-MM-dd`. */
  issuedOn: string | null;
  effectiveOn: string | null;
  issuer: string | null;
  url: string | null;
}

export interface AgencyRecord {
  code: string;
  name: string | null;
  level: AdministrativeLevel | null;
}

export interface SectorRecord {
  code: string;
  name: string | null;
}
