export { configSchema } from './config-schema';
export type { GatewayConfig, GatewayConfigInput } from './config-schema';
export { parseConfig, readConfigFile, ENV_OVERRIDES } from './load-config';
