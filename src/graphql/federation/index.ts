export { buildSubgraphSchema, MAX_REPRESENTATIONS } from './build-subgraph-schema';
export type { SubgraphSchemaOptions } from './build-subgraph-schema';
export { NATIONAL_ROOT_FIELDS, provinceFieldName, subgraphTypeDefs } from './subgraph-type-defs';
export type { SubgraphProvince } from './subgraph-type-defs';
