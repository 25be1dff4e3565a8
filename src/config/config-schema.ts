import { z } from 'zod';

const port = z.number().int().min(0).max(65535);

const nationalProcedures = z
  .object({
    /** Source name in errors, logs and /readyz. */
    name: z.string().min(1).default('national-procedures'),
    url: z.url(),
    dstcode: z.string().regex(/^VN:GOV:[^:]+:[^:]+$/, 'must look like VN:GOV:<agency code>:<subsystem>'),
    dstcodeIn: z.enum(['header', 'query']).default('header'),
    username: z.string().min(1),
    password: z.string().min(1),
    madonvi: z.string().min(1).default('000.00.00.G22'),
    timeoutMs: z.number().int().positive().default(10_000),
    connections: z.number().int().positive().default(16),
    sessionExpiredCodes: z.array(z.union([z.number(), z.string()])).default([401]),
    procedureCodeAliases: z.record(z.string(), z.string()).default({}),
    catalogue: z
      .object({
        /** Seconds between full catalogue refreshes; 0 turns the schedule off. */
        refreshIntervalSeconds: z.number().int().min(0).default(3600),
        /** LayThuTuc calls in flight during a refresh. */
        concurrency: z.number().int().min(1).max(64).default(8),
        /** How long a query waits for the first load before answering with an error. */
        waitMs: z.number().int().min(0).default(15_000),
      })
      .strict()
      .default({ refreshIntervalSeconds: 3600, concurrency: 8, waitMs: 15_000 }),
  })
  .strict();

/** The whole configuration. Every key is documented in README.md#configuration. */
export const configSchema = z
  .object({
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: port.default(4000),
        /** development: stack traces and upstream detail in errors. Never on a network. */
        mode: z.enum(['development', 'production']).default('production'),
        introspection: z.boolean().default(true),
        playground: z.boolean().default(true),
        bodyLimitBytes: z.number().int().positive().default(1_048_576),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 4000, mode: 'production', introspection: true, playground: true, bodyLimitBytes: 1_048_576 }),
    log: z
      .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
      .strict()
      .default({ level: 'info' }),
    store: z
      .object({
        /** Selects MongoDB (mongoose); without it the embedded SQLite store is used. */
        mongodbUri: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
        dataDir: z.string().min(1).default('./data'),
        /** Audit entries older than this are deleted (TTL index on MongoDB, hourly purge on SQLite). */
        auditRetentionDays: z.number().int().min(1).max(36500).default(365),
        /** Longest an audit entry waits in memory before its batch is written: what a crash can lose. */
        auditFlushIntervalMs: z.number().int().min(10).max(60_000).default(1000),
      })
      .strict()
      .default({ dataDir: './data', auditRetentionDays: 365, auditFlushIntervalMs: 1000 }),
    sources: z
      .object({
        nationalProcedures,
      })
      .strict(),
  })
  .strict();

export type GatewayConfig = z.infer<typeof configSchema>;
/** A configuration as written in a file: defaults may be left out. */
export type GatewayConfigInput = z.input<typeof configSchema>;
