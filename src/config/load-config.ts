import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { GatewayError } from '../errors';
import { configSchema, type GatewayConfig, type GatewayConfigInput } from './config-schema';

/**
 * Environment variables that override the configuration, applied after the file.
 * `MONGODB_URI` is the usual name, so it is honoured as is.
 */
export const ENV_OVERRIDES: ReadonlyArray<{ env: string; path: string[]; parse: (v: string) => unknown }> = [
  { env: 'LIENTHONG_HOST', path: ['server', 'host'], parse: (v) => v },
  { env: 'LIENTHONG_PORT', path: ['server', 'port'], parse: Number },
  { env: 'LIENTHONG_MODE', path: ['server', 'mode'], parse: (v) => v },
  { env: 'LIENTHONG_LOG_LEVEL', path: ['log', 'level'], parse: (v) => v },
  { env: 'LIENTHONG_DATA_DIR', path: ['store', 'dataDir'], parse: (v) => v },
  { env: 'MONGODB_URI', path: ['store', 'mongodbUri'], parse: (v) => v },
];

/** Reads a YAML or JSON file (JSON is YAML). `${NAME}` in a string is replaced by the environment variable NAME. */
export function readConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new GatewayError('CONFIG_INVALID', `CONFIG_INVALID: cannot read config file ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = YAML.parse(text);
  } catch (err) {
    throw new GatewayError('CONFIG_INVALID', `CONFIG_INVALID: ${file} is not valid YAML or JSON: ${(err as Error).message}`);
  }
  return interpolate(parsed, env, []);
}

function interpolate(value: unknown, env: NodeJS.ProcessEnv, path: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_m, name: string) => {
      const found = env[name];
      if (found === undefined) throw new GatewayError('CONFIG_INVALID', `CONFIG_INVALID: ${path.join('.')}: environment variable ${name} is not set`);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, [...path, k])]));
  }
  return value;
}

/**
 * Validates a configuration (after environment overrides) and freezes it. A bad one
 * raises CONFIG_INVALID naming every bad key and what arrived there.
 */
export function parseConfig(input: unknown, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const withEnv = applyEnv(structuredClone(input ?? {}) as Record<string, unknown>, env);
  const result = configSchema.safeParse(withEnv);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(root)';
      const got = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), withEnv);
      const shown = issue.code === 'unrecognized_keys' ? '' : ` (got ${JSON.stringify(got)?.slice(0, 80) ?? 'nothing'})`;
      return `${key}: ${issue.message}${shown}`;
    });
    throw new GatewayError('CONFIG_INVALID', `CONFIG_INVALID: ${problems.join('; ')}`);
  }
  return deepFreeze(result.data);
}

function applyEnv(config: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  for (const { env: name, path, parse } of ENV_OVERRIDES) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    let target = config;
    for (const key of path.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = parse(raw);
  }
  return config;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export type { GatewayConfig, GatewayConfigInput };
