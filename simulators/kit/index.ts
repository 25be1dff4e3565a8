export { startSimServer } from './sim-server';
export type { SimServer, SimServerOptions, SimRequest, SimResponse, SimHandler, SimStats, SimControlRoute } from './sim-server';
export { isFault } from './fault';
export type { Fault } from './fault';
export { createFailNext } from './fail-next';
export type { FailNext } from './fail-next';
export { createSeededRandom } from './seeded-random';
export type { SeededRandom } from './seeded-random';
