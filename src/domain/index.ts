export * from './administrative-level';
export * from './agency-code';
export * from './procedure-code';
export type * from './procedure';
