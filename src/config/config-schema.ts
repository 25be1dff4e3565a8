import { z } from 'zod';

const port = z.number().int().min(0).max(65535);

const wholeMs = (max: number) => z.number().int().min(0).max(max);

/**
 * A source's resilience policy: retries of its reads, its circuit breaker, its concurrency
 * cap, one upstream call for identical reads. Every key is optional; the defaults live in
 * one place, the connector kit (RESILIENCE_DEFAULTS), and README.md#resilience lists them.
 * Exported for every source section to reuse.
 */
export const resilienceConfig = z
  .object({
    retries: z
      .object({ count: z.number().int().min(0).max(10), baseDelayMs: wholeMs(60_000), maxDelayMs: wholeMs(600_000), maxRetryAfterMs: wholeMs(600_000) })
      .partial()
      .strict()
      .optional(),
    breaker: z
      .object({
        enabled: z.boolean(),
        errorThresholdPercentage: z.number().int().min(1).max(100),
        volumeThreshold: z.number().int().min(1).max(1_000_000),
        windowMs: z.number().int().min(100).max(3_600_000),
        resetTimeoutMs: z.number().int().min(1).max(3_600_000),
      })
      .partial()
      .strict()
      .optional(),
    concurrency: z.object({ maxInFlight: z.number().int().min(1).max(100_000), maxQueued: z.number().int().min(0).max(1_000_000) }).partial().strict().optional(),
    dedupe: z.boolean().optional(),
  })
  .strict();

/** Keep-alive connections to a source. */
const connections = (fallback: number) => z.number().int().min(1).max(1024).default(fallback);

/** `/metrics` (Prometheus text format) on a listener of its own, off by default: README.md#operating. */
const metricsServer = {
  /** Serve /metrics on metricsHost:metricsPort, apart from the API. */
  metrics: z.boolean().default(false),
  metricsHost: z.string().min(1).default('127.0.0.1'),
  /** 9464, the port Prometheus exporters of OpenTelemetry use; 0 picks a free one. */
  metricsPort: port.default(9464),
};

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
    resilience: resilienceConfig.optional(),
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

const errorCodes = z.array(z.union([z.number().int(), z.string().regex(/^[+-]?\d+$/, 'must be an integer error_code')]));

/** The National Public Service Portal (Cổng DVCQG) the provinces' dossiers are pushed to. */
const portalPush = z
  .object({
    /** false: the portal is configured (readiness, reconciliation) but nothing is pushed. */
    enabled: z.boolean().default(true),
    /** Only dossiers received (else submitted) on or after this date are pushed; earlier ones are assumed on the portal already. */
    receivedSince: z.iso.date().optional(),
    /** Pushes per second to the portal, shared by every province (each gets its share). */
    ratePerSecond: z.number().positive().max(10_000).default(20),
    /** Pushes in flight per province. */
    concurrency: z.number().int().min(1).max(64).default(4),
    /** Tries of a dossier the portal refuses before it becomes a dead letter (failures worth retrying never do). */
    maxAttempts: z.number().int().min(1).max(100).default(3),
    /** Backoff after a failed push: exponential from base, capped, with full jitter. */
    backoffBaseMs: z.number().int().min(1).default(2000),
    backoffMaxMs: z.number().int().min(1).default(600_000),
    /** How often each province's outbox is looked at. */
    pollMs: z.number().int().min(10).default(1000),
    /** The per-province push lease. */
    leaseTtlSeconds: z.number().int().min(5).max(3600).default(30),
  })
  .strict()
  .default({ enabled: true, ratePerSecond: 20, concurrency: 4, maxAttempts: 3, backoffBaseMs: 2000, backoffMaxMs: 600_000, pollMs: 1000, leaseTtlSeconds: 30 });

const nationalPortal = z
  .object({
    /** Source name in errors, logs and /readyz. */
    name: z.string().min(1).default('national-portal'),
    url: z.url(),
    dstcode: z.string().regex(/^VN:GOV:[^:]+:[^:]+$/, 'must look like VN:GOV:<agency code>:<subsystem>'),
    dstcodeIn: z.enum(['header', 'query']).default('header'),
    username: z.string().min(1),
    password: z.string().min(1),
    madonvi: z.string().min(1).default('000.00.00.G22'),
    timeoutMs: z.number().int().positive().default(10_000),
    connections: z.number().int().positive().default(8),
    /** error_code values that mean "log in again". */
    sessionExpiredCodes: errorCodes.default([401]),
    /** error_code values that answer a create with "already exists" (the message "đã tồn tại" is recognised too). */
    alreadyExistsCodes: errorCodes.default([3, -3]),
    /** error_code values that answer an update with "does not exist". */
    notFoundCodes: errorCodes.default([-4]),
    /** error_code values by which the portal refuses what was sent: permanent, never retried. */
    rejectionCodes: errorCodes.default([10, 11, 12, 13, 14, 15, 16, 17]),
    /** When a push asks the portal first whether it holds the dossier (TraCuuHoSo). */
    lookupBeforePush: z.enum(['always', 'when-unknown']).default('when-unknown'),
    /** How the gateway keeps the portal in step with the provinces (src/sync). */
    push: portalPush,
    resilience: resilienceConfig.optional(),
  })
  .strict();

const provinceCommon = {
  /** Source name in errors, logs and /readyz, e.g. `province-h56`. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  /** The province's level-1 agency code, e.g. `H56`. */
  province: z.string().regex(/^H\d{2}$/, 'must be a province code such as H56'),
  url: z.url(),
  username: z.string().min(1),
  password: z.string().min(1),
  /** Vendor status code → national status 1–10; unmapped codes are reported, never guessed. */
  statusTable: z.record(z.string(), z.number().int().min(1).max(10)),
  procedureCodeAliases: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().positive().default(15_000),
  connections: connections(16),
  resilience: resilienceConfig.optional(),
  pageSize: z.number().int().min(1).max(1000).default(200),
};

const province = z.discriminatedUnion('dialect', [
  z.object({ ...provinceCommon, dialect: z.literal('igate'), ssoUrl: z.url(), realm: z.string().min(1).default('digo'), clientId: z.string().min(1), listByUpdateTime: z.boolean().default(true) }).strict(),
  z.object({ ...provinceCommon, dialect: z.literal('motcua') }).strict(),
  z
    .object({ ...provinceCommon, dialect: z.literal('soap'), servicePath: z.string().startsWith('/').default('/HoSoService.asmx'), namespace: z.string().min(1).default('http://motcua.gov.vn/') })
    .strict(),
]);

const dossiers = z
  .object({
    /** Seconds between sync passes of each province (once per interval across every replica); 0 turns the schedule off. */
    syncIntervalSeconds: z.number().int().min(0).default(300),
    /** How far back the first read goes, in days of reception date. */
    windowDays: z.number().int().min(1).max(36500).default(1200),
    /** How long a query waits for the provinces' first read before answering with what is there. */
    waitMs: z.number().int().min(0).default(30_000),
    /** Days of reception per window of the first read. */
    backfillWindowDays: z.number().int().min(1).max(366).default(30),
    /** Each pass re-reads this much before its cursor, so a change stamped late is never missed. */
    overlapSeconds: z.number().int().min(0).max(86_400).default(120),
    /** The slow full re-read that catches silent corrections: every this many hours (0: never)… */
    reconcileIntervalHours: z.number().min(0).default(24),
    /** …at most this many listing pages per pass, so it costs the province little at a time. */
    reconcilePagesPerPass: z.number().int().min(0).default(20),
    /** A province's sync lease; renewed every third of it, taken over by another replica once it lapses. */
    leaseTtlSeconds: z.number().int().min(5).max(3600).default(30),
    /** During the first read, steps of dossiers listed without them are read for open dossiers and those received this recently. */
    stepsRecentDays: z.number().int().min(0).default(30),
    /** Listing pages read ahead of the one being written. */
    prefetchPages: z.number().int().min(1).max(16).default(3),
  })
  .strict()
  .default({ syncIntervalSeconds: 300, windowDays: 1200, waitMs: 30_000, backfillWindowDays: 30, overlapSeconds: 120, reconcileIntervalHours: 24, reconcilePagesPerPass: 20, leaseTtlSeconds: 30, stepsRecentDays: 30, prefetchPages: 3 });

/**
 * A private key to sign with: a PKCS#12 file, or a PEM key and its PEM certificate (chain).
 * The password comes from the environment (`password: ${NAME}`); it is never shown in errors.
 */
const signingKey = z
  .object({
    pkcs12: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
    certificate: z.string().min(1).optional(),
    password: z.string().optional(),
  })
  .strict()
  .superRefine((k, context) => {
    const pem = k.key !== undefined || k.certificate !== undefined;
    if ((k.pkcs12 !== undefined) === pem || (pem && (k.key === undefined || k.certificate === undefined))) {
      context.addIssue({ code: 'custom', path: [k.pkcs12 !== undefined ? 'pkcs12' : 'key'], message: 'give either pkcs12, or both key and certificate' });
    }
  });

/** How received signatures are verified (docs/signatures.md). */
const trust = z
  .object({
    /** Files or folders of CA certificates (PEM or DER): the specialised CA's roots and intermediates. Self-signed ones are the trust anchors. */
    caCertificates: z.array(z.string().min(1)).default([]),
    /** Files or folders of CRLs (PEM or DER); in a closed network these are enough. */
    crls: z.array(z.string().min(1)).default([]),
    /** An OCSP responder asked about certificates no configured CRL covers. */
    ocspUrl: z.url({ protocol: /^https?$/ }).optional(),
    ocspTimeoutMs: z.number().int().positive().default(5000),
    /** Signing times this far ahead of our clock, and CRLs this far past nextUpdate, are accepted. */
    clockToleranceSeconds: z.number().int().min(0).max(86_400).default(300),
    /** warn: every document shown with its signature status; block: a received document not VERIFIED is withheld (SIGNATURE_NOT_VERIFIED). */
    unverified: z.enum(['warn', 'block']).default('warn'),
    /** Accept SHA-1 in signatures, for legacy senders only. */
    allowSha1: z.boolean().default(false),
    /** Worker threads verifying and signing; 0 does it on the event loop. */
    workers: z.number().int().min(0).max(16).default(2),
  })
  .strict()
  .default({ caCertificates: [], crls: [], ocspTimeoutMs: 5000, clockToleranceSeconds: 300, unverified: 'warn', allowSha1: false, workers: 2 });

/** The operator's key that signs the audit chain's head at an interval (`npm run audit:verify` checks the signatures). */
const auditSigning = z
  .object({
    key: signingKey,
    /** Seconds between signed heads (a head is signed only when the chain grew). */
    intervalSeconds: z.number().int().min(1).max(86_400).default(300),
    /** Certificates (PEM files) of earlier operator keys, whose signed heads still verify after a key change. */
    previousCertificates: z.array(z.string().min(1)).default([]),
  })
  .strict();

const documentExchange = z
  .object({
    /** The exchange axis endpoint; `/sendEdoc`, `/getEdoc`, … are below it. */
    url: z.url(),
    /** The agencies' document systems the gateway connects for, one axis identity each. */
    systems: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
            systemId: z.string().min(1),
            secret: z.string().min(1),
            /** The organ id (mã định danh) the system speaks for. */
            agencyCode: z.string().min(1),
            /** Signs every message this system sends (enveloped XML-DSig, docs/signatures.md). */
            signing: signingKey.optional(),
          })
          .strict(),
      )
      .min(1)
      .refine((list) => new Set(list.map((s) => s.agencyCode)).size === list.length, 'each agencyCode may appear once'),
    timeoutMs: z.number().int().positive().default(10_000),
    connections: connections(8),
    resilience: resilienceConfig.optional(),
    /** Largest edXML message read or sent, in bytes; larger ones get PAYLOAD_TOO_LARGE. */
    maxMessageBytes: z.number().int().positive().default(20 * 1024 * 1024),
    /** Largest nesting depth of an edXML message; deeper ones get EDXML_INVALID. */
    maxDepth: z.number().int().min(8).max(1000).default(64),
    /** Queries closer together than this reuse the last read of the axis instead of reading it again. */
    minRefreshIntervalMs: z.number().int().min(0).default(1000),
  })
  .strict();

/** Zalo Notification Service: the Official Account's app and the templates Zalo approved for it. */
const zaloZns = z
  .object({
    name: z.string().min(1).default('zalo-zns'),
    url: z.url().default('https://business.openapi.zalo.me'),
    oauthUrl: z.url().default('https://oauth.zaloapp.com/v4/oa'),
    appId: z.string().min(1),
    secretKey: z.string().min(1),
    /** The refresh token of the OA's authorization; rotated tokens are kept in the data directory from then on. */
    refreshToken: z.string().min(1),
    /** National status (1–10) → the OA's approved template id; statuses left out use the demo ids. */
    templateIds: z.record(z.string().regex(/^([1-9]|10)$/, 'must be a national status 1–10'), z.string().min(1)).default({}),
    timeoutMs: z.number().int().positive().default(10_000),
    /** Messages per second this replica sends, and the burst it may send at once. */
    ratePerSecond: z.number().positive().default(10),
    burst: z.number().int().min(1).default(10),
  })
  .strict();

/** An SMS brandname gateway (our reading of Vietnamese gateways; see docs/notifications.md). */
const smsBrandname = z
  .object({
    name: z.string().min(1).default('sms-brandname'),
    url: z.url(),
    apiKey: z.string().min(1),
    secretKey: z.string().min(1),
    /** The brandname registered with the carriers, e.g. UBND-TINH. */
    brandname: z.string().min(1).max(11),
    sendPath: z.string().startsWith('/').optional(),
    balancePath: z.string().startsWith('/').optional(),
    /** Send Vietnamese with diacritics as Unicode (70 characters a message) instead of plain text (160). */
    unicode: z.boolean().default(false),
    timeoutMs: z.number().int().positive().default(10_000),
    ratePerSecond: z.number().positive().default(5),
    burst: z.number().int().min(1).default(5),
  })
  .strict();

/** Status messages to citizens. */
const notifications = z
  .object({
    zaloZns: zaloZns.optional(),
    smsBrandname: smsBrandname.optional(),
    /** Whether applicants agreed to status messages, per province (no one-stop system records it per dossier). */
    consent: z
      .object({ default: z.boolean().default(false), provinces: z.record(z.string().regex(/^H\d{2}$/, 'must be a province code such as H56'), z.boolean()).default({}) })
      .strict()
      .prefault({}),
    /** National statuses a change to which is announced. */
    statuses: z.array(z.number().int().min(1).max(10)).default([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    /** first-success: SMS only when Zalo failed for good; every-channel: both. */
    delivery: z.enum(['first-success', 'every-channel']).default('first-success'),
  })
  .strict();

/** QR codes, barcodes and the citizens' public status lookup. */
const printing = z
  .object({
    /** The national portal's procedure page; `{code}` is replaced by the procedure code. */
    procedurePageUrl: z
      .string()
      .refine((s) => s.includes('{code}') && URL.canParse(s.replaceAll('{code}', 'x')), 'must be a URL containing {code}')
      .default('https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}'),
    /** Where citizens reach this gateway's /tra-cuu/ lookup; by default its own host and port. */
    publicBaseUrl: z.url().optional(),
    /** Key of the per-dossier lookup secrets, base64 of ≥ 32 bytes (use ${ENV}); else LIENTHONG_LOOKUP_KEY, else a key file in the data directory. */
    lookupKey: z.string().min(1).optional(),
    /** A TrueType font with Vietnamese glyphs for PDF sheets; by default DejaVu Sans or Noto Sans where the system has them. */
    fontFile: z.string().min(1).optional(),
    /** The public lookup's limit per client address: `burst` at once, `perMinute` after that, for at most `maxClients` addresses tracked. */
    lookupRateLimit: z
      .object({ perMinute: z.number().int().min(1).default(30), burst: z.number().int().min(1).default(10), maxClients: z.number().int().min(100).default(10_000) })
      .strict()
      .prefault({}),
  })
  .strict();

const auth = z
  .object({
    /** The `iss` every token must carry. */
    issuer: z.string().min(1),
    /** A value the token's `aud` must be or contain. */
    audience: z.string().min(1),
    /** Public keys that verify tokens: the identity provider's JWKS URL, a JWKS file, or inline keys. */
    jwks: z.union([
      z.object({ url: z.url(), cooldownMs: z.number().int().min(0).optional(), cacheMaxAgeMs: z.number().int().min(0).optional(), timeoutMs: z.number().int().positive().optional() }).strict(),
      z.object({ file: z.string().min(1) }).strict(),
      z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }).strict(),
    ]),
    algorithms: z.array(z.enum(['RS256', 'ES256', 'EdDSA'])).min(1).default(['RS256', 'ES256', 'EdDSA']),
    clockToleranceSeconds: z.number().int().min(0).max(300).default(30),
    /** Requests without a token get the anonymous principal (procedures:read only). */
    allowAnonymous: z.boolean().default(false),
  })
  .strict();

const limits = z
  .object({
    maxDepth: z.number().int().min(2).default(10),
    maxAliases: z.number().int().min(0).default(15),
    maxTokens: z.number().int().min(50).default(2000),
    maxCost: z.number().int().min(100).default(20_000),
    maxDirectives: z.number().int().min(0).default(50),
  })
  .strict()
  .default({ maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxCost: 20_000, maxDirectives: 50 });

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
        /** The offline GraphiQL at / and /playground. Off unless asked for; the demo turns it on. */
        playground: z.boolean().default(false),
        /** Browser origins allowed to call the API cross-origin (CORS), e.g. `https://motcua.thanhhoa.gov.vn`; none by default. */
        cors: z
          .object({
            origins: z.array(z.url().refine((u) => new URL(u).origin === u.replace(/\/$/, ''), 'must be an origin: scheme, host and port only').transform((u) => new URL(u).origin)).default([]),
            /** Seconds a browser may cache a preflight's answer. */
            maxAgeSeconds: z.number().int().min(0).max(86_400).default(600),
          })
          .strict()
          .prefault({}),
        /** Responses larger than this many bytes are compressed (gzip, brotli or deflate, as the client accepts); 0 turns compression off. */
        compressThresholdBytes: z.number().int().min(0).default(1024),
        bodyLimitBytes: z.number().int().positive().default(1_048_576),
        /** /readyz shows per-source details, store location and audit counters (it needs no token): for closed networks only. */
        readinessDetails: z.boolean().default(false),
        ...metricsServer,
      })
      .strict()
      .prefault({}),
    /** Bearer-token authentication; every request to /graphql and /documents is verified. */
    auth,
    /** Limits on the shape of a GraphQL request. */
    limits,
    trust,
    auditSigning: auditSigning.optional(),
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
        /**
         * The keys that seal personal data at rest (AES-256-GCM): key id → 32 bytes in base64
         * (use `${ENV}` for the values), and the id new records are sealed under. Without it:
         * the key in the environment variable LIENTHONG_DATA_KEY, else a key file made in dataDir.
         */
        dataKeys: z
          .object({
            active: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, ".", "_" or "-"'),
            keys: z.record(z.string(), z.string().min(1)),
          })
          .strict()
          .refine((k) => Object.hasOwn(k.keys, k.active), 'active must name one of keys')
          .optional(),
      })
      .strict()
      .default({ dataDir: './data', auditRetentionDays: 365, auditFlushIntervalMs: 1000 }),
    sources: z
      .object({
        nationalProcedures,
        /** The provinces' one-stop systems, one entry per province. */
        provinces: z
          .array(province)
          .default([])
          .refine((list) => new Set(list.map((p) => p.province)).size === list.length, 'each province may appear once')
          .refine((list) => new Set(list.map((p) => p.name)).size === list.length, 'each name may appear once'),
        dossiers,
        /** Document systems connected to the national exchange axis; none when absent. */
        documentExchange: documentExchange.optional(),
        /** The national portal dossiers are pushed to; the gateway pushes nothing when absent. */
        nationalPortal: nationalPortal.optional(),
      })
      .strict(),
    notifications: notifications.optional(),
    printing: printing.prefault({}),
  })
  .strict();

export type GatewayConfig = z.infer<typeof configSchema>;
/** A configuration as written in a file: defaults may be left out. */
export type GatewayConfigInput = z.input<typeof configSchema>;
