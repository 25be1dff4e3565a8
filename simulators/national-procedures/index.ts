export { startNationalProceduresSimulator } from './start-national-procedures-simulator';
export type { NationalProceduresSimulator, NationalProceduresSimulatorOptions } from './start-national-procedures-simulator';
export { generateNationalCatalogue } from './generate-national-catalogue';
export { generateAgencies } from './generate-agencies';
export { formatAgencyCode, parentAgencyCode } from './agency-code';
export { ANCHOR_PROCEDURES } from './anchor-procedures';
export type { AnchorProcedure } from './anchor-procedures';
export type {
  NationalCatalogueData,
  RawAgency,
  RawAgencyRef,
  RawApplicantType,
  RawCasePapers,
  RawCaseSteps,
  RawChannel,
  RawFee,
  RawLegalBasis,
  RawLevel,
  RawPaper,
  RawProcedure,
  RawProcedureRef,
  RawResult,
  RawSector,
  RawStep,
  RawTimeLimit,
} from './types';
