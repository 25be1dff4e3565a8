export { createDossierIndex, dossierSortKey, provinceOfDossierCode } from './dossier-index';
export type { DossierIndex, DossierIndexOptions, ProvinceFreshness } from './dossier-index';
export { matchDossier } from './filter-dossiers';
export type { DossierQuery } from './filter-dossiers';
export { computeDossierStatistics } from './dossier-statistics';
export type { DossierStatistics } from './dossier-statistics';
export { timelinessOf, vietnamDay, vietnamToday, FINISHED_STATUSES, OPEN_STATUSES } from './on-time';
