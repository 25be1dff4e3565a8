export { createProcedureCatalogue } from './procedure-catalogue';
export type { ProcedureCatalogue, ProcedureCatalogueOptions, CatalogueFreshness, CatalogueSnapshot, CatalogueMirror, RefreshReport, CatalogueCache, CatalogueLookup } from './procedure-catalogue';
export { normalizeText } from './normalize-text';
export type { ProcedureQuery } from './filter-procedures';
export { mirrorFromStore } from './mirror-from-store';
