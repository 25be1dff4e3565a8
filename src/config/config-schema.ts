import { z } from 'zod';

// Every key carries its description (`.describe()`): `npm run docs` writes
// docs/configuration.md from them, and a test fails when that file is stale.

const port = z.number().int().min(0).max(65535);

const wholeMs = (max: number) => z.number().int().min(0).max(max);

/**
 * A source's resilience policy: retries of its reads, its circuit breaker, its concurrency
 * cap, one upstream call for identical reads. Every key is optional; the defaults live in
 * one place, the connector kit (RESILIENCE_DEFAULTS), and README.md#resilience explains them.
 * Exported for every source section to reuse.
 */
export const resilienceConfig = z
  .object({
    retries: z
      .object({
        count: z.number().int().min(0).max(10).describe('Times an idempotent request is sent again after a transport failure, a 5xx or a 429 (default 2).'),
        baseDelayMs: wholeMs(60_000).describe('The wait before retry n is random below baseDelayMs × 2^n (full jitter; default 200).'),
        maxDelayMs: wholeMs(600_000).describe('Longest wait between two attempts (default 2000).'),
        maxRetryAfterMs: wholeMs(600_000).describe('Longest `Retry-After` honoured; a longer one ends the call with the source\'s answer (default 5000).'),
      })
      .partial()
      .strict()
      .optional()
      .describe('Retries of reads (GET, HEAD and the reads a connector marks idempotent); writes are never sent twice.'),
    breaker: z
      .object({
        enabled: z.boolean().describe('Whether the source has a circuit breaker (default true).'),
        errorThresholdPercentage: z.number().int().min(1).max(100).describe('It opens when more than this share of attempts in the window failed (default 50).'),
        volumeThreshold: z.number().int().min(1).max(1_000_000).describe('…of at least this many attempts (default 10).'),
        windowMs: z.number().int().min(100).max(3_600_000).describe('The rolling window failures are counted in (default 10000); keep it below resetTimeoutMs.'),
        resetTimeoutMs: z.number().int().min(1).max(3_600_000).describe('How long it stays open before letting one trial call through (default 15000).'),
      })
      .partial()
      .strict()
      .optional()
      .describe('The opossum circuit breaker: transport failures, timeouts and 5xx count; 4xx and the source\'s own error answers do not.'),
    concurrency: z
      .object({
        maxInFlight: z.number().int().min(1).max(100_000).describe('Calls at the source at once (default 64).'),
        maxQueued: z.number().int().min(0).max(1_000_000).describe('Calls waiting for a place; beyond, UPSTREAM_UNAVAILABLE with reason OVERLOADED at once (default 256).'),
      })
      .partial()
      .strict()
      .optional()
      .describe('The cap on calls to the source.'),
    dedupe: z.boolean().optional().describe('Identical idempotent requests in flight share one upstream call (default true).'),
  })
  .strict();

/** Keep-alive connections to a source. */
const connections = (fallback: number) => z.number().int().min(1).max(1024).default(fallback).describe('Keep-alive connections kept open to the source.');

const resilience = resilienceConfig.optional().describe('The source\'s resilience policy; every key optional (README.md#resilience).');

const sourceName = (fallback: string) => z.string().min(1).default(fallback).describe('Source name in errors, logs, metrics and /readyz.');

const timeoutMs = (fallback: number) => z.number().int().positive().default(fallback).describe('A call\'s whole budget in ms, retries and waiting in line included; past it, UPSTREAM_TIMEOUT.');

const dstcode = z.string().regex(/^VN:GOV:[^:]+:[^:]+$/, 'must look like VN:GOV:<agency code>:<subsystem>').describe('The adapter\'s destination code, `VN:GOV:<agency code>:<subsystem>`.');

const dstcodeIn = z.enum(['header', 'query']).default('header').describe('Where dstcode is sent: a header, or `?dstcode=` (some deployments).');

/** `/metrics` (Prometheus text format) on a listener of its own, off by default: README.md#operating. */
const metricsServer = {
  metrics: z.boolean().default(false).describe('Serve Prometheus /metrics on metricsHost:metricsPort, a listener apart from the API.'),
  metricsHost: z.string().min(1).default('127.0.0.1').describe('Address of the /metrics listener: loopback or an internal interface only.'),
  metricsPort: port.default(9464).describe('Port of the /metrics listener (9464, OpenTelemetry\'s Prometheus exporters\' port); 0 picks a free one.'),
};

const nationalProcedures = z
  .object({
    name: sourceName('national-procedures'),
    url: z.url().describe('The national database\'s adapter; `/login` and `/integration` are below it.'),
    dstcode,
    dstcodeIn,
    username: z.string().min(1).describe('The adapter account.'),
    password: z.string().min(1).describe('Its password (use `${ENV}`).'),
    madonvi: z.string().min(1).default('000.00.00.G22').describe('The calling agency\'s code, sent with every service call.'),
    timeoutMs: timeoutMs(10_000),
    connections: z.number().int().positive().default(16).describe('Keep-alive connections kept open to the source.'),
    resilience,
    sessionExpiredCodes: z.array(z.union([z.number(), z.string()])).default([401]).describe('error_code values that mean "log in again".'),
    procedureCodeAliases: z.record(z.string(), z.string()).default({}).describe('Local procedure codes that do not embed the national one → the national code.'),
    catalogue: z
      .object({
        refreshIntervalSeconds: z.number().int().min(0).default(3600).describe('Seconds between full refreshes of the catalogue copy; 0 turns the schedule off.'),
        concurrency: z.number().int().min(1).max(64).default(8).describe('LayThuTuc calls in flight during a refresh.'),
        waitMs: z.number().int().min(0).default(15_000).describe('How long a query waits for the first load before answering with an error.'),
      })
      .strict()
      .default({ refreshIntervalSeconds: 3600, concurrency: 8, waitMs: 15_000 })
      .describe('The gateway\'s copy of the procedure catalogue, which answers while the national database is down.'),
  })
  .strict()
  .describe('The national database of administrative procedures (CSDLQG về TTHC), through its adapter (docs/sources.md).');

const errorCodes = z.array(z.union([z.number().int(), z.string().regex(/^[+-]?\d+$/, 'must be an integer error_code')]));

const portalPush = z
  .object({
    enabled: z.boolean().default(true).describe('false: the portal is configured (readiness, reconciliation) but nothing is pushed.'),
    receivedSince: z.iso.date().optional().describe('Only dossiers received (else submitted) on or after this date are pushed; earlier ones are assumed on the portal already.'),
    ratePerSecond: z.number().positive().max(10_000).default(20).describe('Pushes per second to the portal, shared by every province (each gets its share).'),
    concurrency: z.number().int().min(1).max(64).default(4).describe('Pushes in flight per province.'),
    maxAttempts: z.number().int().min(1).max(100).default(3).describe('Tries of a dossier the portal refuses before it becomes a dead letter (failures worth retrying never do).'),
    backoffBaseMs: z.number().int().min(1).default(2000).describe('Backoff after a failed push: exponential from this, with full jitter…'),
    backoffMaxMs: z.number().int().min(1).default(600_000).describe('…capped at this.'),
    pollMs: z.number().int().min(10).default(1000).describe('How often each province\'s outbox is looked at.'),
    leaseTtlSeconds: z.number().int().min(1).max(3600).default(30).describe('The per-province push lease: one replica pushes a province at a time.'),
    claimSeconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(60)
      .describe("How long a dossier being pushed stays out of other pushers' reach: longer than one push can take (up to four calls of the portal's timeoutMs); after a crash it is pushed again then."),
  })
  .strict()
  .default({ enabled: true, ratePerSecond: 20, concurrency: 4, maxAttempts: 3, backoffBaseMs: 2000, backoffMaxMs: 600_000, pollMs: 1000, leaseTtlSeconds: 30, claimSeconds: 60 })
  .describe('How the gateway keeps the portal in step with the provinces (src/sync).');

const nationalPortal = z
  .object({
    name: sourceName('national-portal'),
    url: z.url().describe('The portal\'s adapter; `/login` and `/integration` are below it.'),
    dstcode,
    dstcodeIn,
    username: z.string().min(1).describe('The adapter account.'),
    password: z.string().min(1).describe('Its password (use `${ENV}`).'),
    madonvi: z.string().min(1).default('000.00.00.G22').describe('The calling agency\'s code.'),
    timeoutMs: z.number().int().positive().default(10_000).describe('Budget of each request in ms; a push makes 2–4.'),
    connections: z.number().int().positive().default(8).describe('Keep-alive connections kept open to the source.'),
    sessionExpiredCodes: errorCodes.default([401]).describe('error_code values that mean "log in again".'),
    alreadyExistsCodes: errorCodes.default([3, -3]).describe('error_code values that answer a create with "already exists" (the message "đã tồn tại" is recognised too): sent again as an update.'),
    notFoundCodes: errorCodes.default([-4]).describe('error_code values that answer an update with "does not exist": sent again as a create.'),
    rejectionCodes: errorCodes.default([10, 11, 12, 13, 14, 15, 16, 17]).describe('error_code values by which the portal refuses what was sent: permanent, never retried.'),
    lookupBeforePush: z.enum(['always', 'when-unknown']).default('when-unknown').describe('When a push asks the portal first whether it holds the dossier (TraCuuHoSo).'),
    push: portalPush,
    resilience,
  })
  .strict()
  .refine((portal) => portal.push.claimSeconds * 1000 > 4 * portal.timeoutMs, {
    message: 'push.claimSeconds must outlast one push: more than four times timeoutMs',
    path: ['push', 'claimSeconds'],
  })
  .describe('The National Public Service Portal (Cổng DVCQG) the provinces\' dossiers are pushed to; nothing is pushed when absent (docs/national-portal.md).');

const provinceCommon = {
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes').describe('Source name in errors, logs, metrics and /readyz, e.g. `province-h56`.'),
  province: z.string().regex(/^H\d{2}$/, 'must be a province code such as H56').describe('The province\'s level-1 agency code, e.g. `H56`.'),
  url: z.url().describe('The one-stop system\'s API.'),
  username: z.string().min(1).describe('The account the gateway reads with.'),
  password: z.string().min(1).describe('Its password (use `${ENV}`).'),
  statusTable: z.record(z.string(), z.number().int().min(1).max(10)).describe('Vendor status code → national status 1–10; an unmapped code is reported (status code null, counted in /readyz), never guessed.'),
  procedureCodeAliases: z.record(z.string(), z.string()).default({}).describe('Local procedure codes that do not embed the national one → the national code.'),
  timeoutMs: timeoutMs(15_000),
  connections: connections(16),
  resilience,
  pageSize: z.number().int().min(1).max(1000).default(200).describe('Dossiers per listing page read from the province.'),
};

const province = z
  .discriminatedUnion('dialect', [
    z
      .object({
        ...provinceCommon,
        dialect: z.literal('igate').describe('VNPT iGate: REST/JSON with Keycloak tokens.'),
        ssoUrl: z.url().describe('The Keycloak server; tokens at `/auth/realms/{realm}/protocol/openid-connect/token`.'),
        realm: z.string().min(1).default('digo').describe('The Keycloak realm.'),
        clientId: z.string().min(1).describe('The OAuth2 client of the password grant.'),
        listByUpdateTime: z.boolean().default(true).describe('Sync passes list dossiers by update time (the deployment supports the filter); false re-reads by reception date.'),
      })
      .strict(),
    z.object({ ...provinceCommon, dialect: z.literal('motcua').describe('The flat "motcua" JSON of several vendors.') }).strict(),
    z
      .object({
        ...provinceCommon,
        dialect: z.literal('soap').describe('SOAP 1.1 web services (.asmx).'),
        servicePath: z.string().startsWith('/').default('/HoSoService.asmx').describe('Path of the service below url.'),
        namespace: z.string().min(1).default('http://motcua.gov.vn/').describe('The target namespace of the operations.'),
      })
      .strict(),
  ])
  .describe('One province\'s one-stop system (hệ thống một cửa), in its vendor\'s dialect: igate, motcua or soap (docs/sources.md).');

const dossiers = z
  .object({
    syncIntervalSeconds: z.number().int().min(0).default(300).describe('Seconds between sync passes of each province (once per interval across every replica); 0 turns the schedule off.'),
    windowDays: z.number().int().min(1).max(36500).default(1200).describe('How far back the first read goes, in days of reception date.'),
    waitMs: z.number().int().min(0).default(30_000).describe('How long a query waits for the provinces\' first read before answering with what is there.'),
    backfillWindowDays: z.number().int().min(1).max(366).default(30).describe('Days of reception per window of the first read.'),
    overlapSeconds: z.number().int().min(0).max(86_400).default(120).describe('Each pass re-reads this much before its cursor, so a change stamped late is never missed.'),
    reconcileIntervalHours: z.number().min(0).default(24).describe('The slow full re-read that catches silent corrections: every this many hours (0: never)…'),
    reconcilePagesPerPass: z.number().int().min(0).default(20).describe('…at most this many listing pages per pass, so it costs the province little at a time.'),
    leaseTtlSeconds: z.number().int().min(1).max(3600).default(30).describe('A province\'s sync lease; renewed every third of it, taken over by another replica once it lapses.'),
    stepsRecentDays: z.number().int().min(0).default(30).describe('During the first read, steps of dossiers listed without them are read for open dossiers and those received this recently.'),
    prefetchPages: z.number().int().min(1).max(16).default(3).describe('Listing pages read ahead of the one being written.'),
  })
  .strict()
  .default({ syncIntervalSeconds: 300, windowDays: 1200, waitMs: 30_000, backfillWindowDays: 30, overlapSeconds: 120, reconcileIntervalHours: 24, reconcilePagesPerPass: 20, leaseTtlSeconds: 30, stepsRecentDays: 30, prefetchPages: 3 })
  .describe('How the provinces\' dossiers are synced into the store.');

/**
 * A private key to sign with: a PKCS#12 file, or a PEM key and its PEM certificate (chain).
 * The password comes from the environment (`password: ${NAME}`); it is never shown in errors.
 */
const signingKey = z
  .object({
    pkcs12: z.string().min(1).optional().describe('A PKCS#12 (.p12, .pfx) file holding the key and its certificate chain.'),
    key: z.string().min(1).optional().describe('Or a PEM private key file…'),
    certificate: z.string().min(1).optional().describe('…and its PEM certificate (chain) file.'),
    password: z.string().optional().describe('The PKCS#12 or key password (use `${ENV}`); never shown in errors.'),
  })
  .strict()
  .superRefine((k, context) => {
    const pem = k.key !== undefined || k.certificate !== undefined;
    if ((k.pkcs12 !== undefined) === pem || (pem && (k.key === undefined || k.certificate === undefined))) {
      context.addIssue({ code: 'custom', path: [k.pkcs12 !== undefined ? 'pkcs12' : 'key'], message: 'give either pkcs12, or both key and certificate' });
    }
  });

const trust = z
  .object({
    caCertificates: z.array(z.string().min(1)).default([]).describe('Files or folders of CA certificates (PEM or DER): the specialised CA\'s roots and intermediates; self-signed ones are the trust anchors.'),
    crls: z.array(z.string().min(1)).default([]).describe('Files or folders of CRLs (PEM or DER); in a closed network these are enough.'),
    ocspUrl: z.url({ protocol: /^https?$/ }).optional().describe('An OCSP responder asked about certificates no configured CRL covers.'),
    ocspTimeoutMs: z.number().int().positive().default(5000).describe('Budget of one OCSP request in ms.'),
    clockToleranceSeconds: z.number().int().min(0).max(86_400).default(300).describe('Signing times this far ahead of our clock, and CRLs this far past nextUpdate, are accepted.'),
    unverified: z.enum(['warn', 'block']).default('warn').describe('warn: every document shown with its signature status; block: a received document not VERIFIED is withheld (SIGNATURE_NOT_VERIFIED).'),
    allowSha1: z.boolean().default(false).describe('Accept SHA-1 in signatures, for legacy senders only.'),
    workers: z.number().int().min(0).max(16).default(2).describe('Worker threads verifying and signing; 0 does it on the event loop.'),
  })
  .strict()
  .default({ caCertificates: [], crls: [], ocspTimeoutMs: 5000, clockToleranceSeconds: 300, unverified: 'warn', allowSha1: false, workers: 2 })
  .describe('How received document signatures are verified (docs/signatures.md).');

const auditSigning = z
  .object({
    key: signingKey.describe('The operator\'s key: a PKCS#12 file, or a PEM key and certificate.'),
    intervalSeconds: z.number().int().min(1).max(86_400).default(300).describe('Seconds between signed heads (a head is signed only when the chain grew).'),
    previousCertificates: z.array(z.string().min(1)).default([]).describe('Certificates (PEM files) of earlier operator keys, whose signed heads still verify after a key change.'),
  })
  .strict()
  .describe('The operator\'s key that signs the audit chain\'s head at an interval (`npm run audit:verify` checks the signatures); none when absent.');

const documentExchange = z
  .object({
    url: z.url().describe('The exchange axis endpoint; `/sendEdoc`, `/getEdoc`, … are below it.'),
    systems: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes').describe('Source name of this system in errors, logs and /readyz, e.g. `qlvb-h41`.'),
            systemId: z.string().min(1).describe('The system\'s identity on the axis.'),
            secret: z.string().min(1).describe('Its secret (use `${ENV}`), which signs every call.'),
            agencyCode: z.string().min(1).describe('The organ id (mã định danh) the system speaks for.'),
            signing: signingKey.optional().describe('Signs every message this system sends (enveloped XML-DSig, docs/signatures.md).'),
          })
          .strict(),
      )
      .min(1)
      .refine((list) => new Set(list.map((s) => s.agencyCode)).size === list.length, 'each agencyCode may appear once')
      .describe('The agencies\' document systems the gateway connects for, one axis identity each.'),
    timeoutMs: timeoutMs(10_000),
    connections: connections(8).describe('Keep-alive connections per connected system.'),
    resilience: resilience.describe('Reads are retried; sendEdoc and updateStatus never are.'),
    maxMessageBytes: z.number().int().positive().default(20 * 1024 * 1024).describe('Largest edXML message read or sent, in bytes; larger ones get PAYLOAD_TOO_LARGE.'),
    maxDepth: z.number().int().min(8).max(1000).default(64).describe('Largest nesting depth of an edXML message; deeper ones get EDXML_INVALID.'),
    minRefreshIntervalMs: z.number().int().min(0).default(1000).describe('Queries closer together than this reuse the last read of the axis instead of reading it again.'),
    maxAttachmentMemoryBytes: z
      .number()
      .int()
      .positive()
      .default(256 * 1024 * 1024)
      .describe('Decoded attachment bytes kept in memory; beyond it the least recently read are dropped and read from the axis again when downloaded.'),
  })
  .strict()
  .describe('Document systems connected to the national document exchange axis (trục liên thông văn bản); none when absent.');

const rateLimit = (perSecond: number) => ({
  ratePerSecond: z.number().positive().default(perSecond).describe('Messages per second this replica sends…'),
  burst: z.number().int().min(1).default(perSecond).describe('…and how many it may send at once.'),
});

const zaloZns = z
  .object({
    name: sourceName('zalo-zns'),
    url: z.url().default('https://business.openapi.zalo.me').describe('The ZNS API.'),
    oauthUrl: z.url().default('https://oauth.zaloapp.com/v4/oa').describe('Zalo\'s OAuth server, where access tokens are refreshed.'),
    appId: z.string().min(1).describe('The Official Account\'s app id.'),
    secretKey: z.string().min(1).describe('The app\'s secret key (use `${ENV}`).'),
    refreshToken: z.string().min(1).describe('The refresh token of the OA\'s authorization; rotated tokens are kept in the data directory from then on.'),
    templateIds: z
      .record(z.string().regex(/^([1-9]|10)$/, 'must be a national status 1–10'), z.string().min(1))
      .default({})
      .describe('National status (1–10) → the OA\'s approved template id; statuses left out use the demo ids.'),
    timeoutMs: timeoutMs(10_000),
    ...rateLimit(10),
  })
  .strict()
  .describe('Zalo Notification Service: the Official Account\'s app and the templates Zalo approved for it (docs/notifications.md).');

const smsBrandname = z
  .object({
    name: sourceName('sms-brandname'),
    url: z.url().describe('The SMS gateway\'s API.'),
    apiKey: z.string().min(1).describe('The account\'s API key.'),
    secretKey: z.string().min(1).describe('Its secret key (use `${ENV}`).'),
    brandname: z.string().min(1).max(11).describe('The brandname registered with the carriers, e.g. UBND-TINH.'),
    sendPath: z.string().startsWith('/').optional().describe('Path of the send call, when the gateway\'s differs from the usual one.'),
    balancePath: z.string().startsWith('/').optional().describe('Path of the balance call (readiness), when it differs.'),
    unicode: z.boolean().default(false).describe('Send Vietnamese with diacritics as Unicode (70 characters a message) instead of plain text (160).'),
    timeoutMs: timeoutMs(10_000),
    ...rateLimit(5),
  })
  .strict()
  .describe('An SMS brandname gateway (our reading of Vietnamese gateways; docs/notifications.md).');

const notifications = z
  .object({
    zaloZns: zaloZns.optional(),
    smsBrandname: smsBrandname.optional(),
    consent: z
      .object({
        default: z.boolean().default(false).describe('Whether applicants of a province not listed agreed.'),
        provinces: z.record(z.string().regex(/^H\d{2}$/, 'must be a province code such as H56'), z.boolean()).default({}).describe('Province code → whether its applicants agreed.'),
      })
      .strict()
      .prefault({})
      .describe('Whether applicants agreed to status messages, per province (no one-stop system records it per dossier).'),
    statuses: z.array(z.number().int().min(1).max(10)).default([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).describe('National statuses a change to which is announced.'),
    delivery: z.enum(['first-success', 'every-channel']).default('first-success').describe('first-success: SMS only when Zalo failed for good; every-channel: both.'),
  })
  .strict()
  .describe('Status messages to citizens; none when absent (docs/notifications.md).');

const retries = (maxAttempts: number, backoffBaseMs: number) =>
  z
    .object({
      maxAttempts: z.number().int().min(1).max(100).default(maxAttempts).describe('Tries before a delivery is a dead letter (failed for good).'),
      backoffBaseMs: z.number().int().min(1).default(backoffBaseMs).describe('The first wait between tries; it doubles with each try (full jitter).'),
      backoffMaxMs: z.number().int().min(1).default(3_600_000).describe('The longest wait between tries.'),
    })
    .strict()
    .prefault({})
    .describe('How often a delivery is tried, and how long it waits between tries.');

const delivery = z
  .object({
    pollMs: z.number().int().min(10).max(60_000).default(1000).describe('How often the change log and the due deliveries are read when idle.'),
    batchSize: z.number().int().min(1).max(1000).default(200).describe('Changes read, and deliveries sent, per round.'),
    leaseTtlSeconds: z.number().int().min(1).max(3600).default(30).describe('The lease each consumer\'s dispatcher runs under (one replica at a time).'),
    newDossierWindowDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .default(2)
      .describe('A dossier seen for the first time is announced only when its code\'s date (yyMMdd) is at most this many days before: a first read of a province\'s history announces nothing.'),
    retentionDays: z.number().int().min(1).max(3650).default(30).describe('Settled deliveries (and dead letters) are deleted after this many days; the day counts stay.'),
    citizens: z
      .object({
        concurrency: z.number().int().min(1).max(64).default(4).describe('Citizens\' messages in flight.'),
        retries: retries(6, 5000),
      })
      .strict()
      .prefault({})
      .describe('Citizens\' status messages (Zalo, SMS).'),
    webhooks: z
      .object({
        concurrency: z.number().int().min(1).max(64).default(4).describe('Calls in flight.'),
        timeoutMs: z.number().int().min(100).max(60_000).default(10_000).describe('One call\'s whole budget.'),
        retries: retries(10, 2000),
        maxPerAgency: z.number().int().min(1).max(1000).default(20).describe('Webhooks one agency may register.'),
        allowHttp: z.boolean().default(false).describe('Accept http:// webhook URLs (closed networks, tests); otherwise https:// only.'),
        allowLoopback: z
          .boolean()
          .default(false)
          .describe('Let webhooks call loopback addresses (127.0.0.0/8, ::1, localhost): tests and demos whose receiver runs on this machine. Link-local (cloud metadata), unspecified, multicast and broadcast addresses stay refused; private networks are always allowed.'),
      })
      .strict()
      .prefault({})
      .describe('Signed calls to the webhooks agencies register.'),
    subscriptions: z
      .object({
        pollMs: z.number().int().min(10).max(60_000).default(500).describe('How often this process reads the change log for its subscribers.'),
        maxQueued: z.number().int().min(1).max(100_000).default(1000).describe('Events waiting for one subscriber before it is dropped (it fell behind).'),
        maxSubscriptions: z.number().int().min(1).max(1_000_000).default(10_000).describe('Subscriptions open at once on this process.'),
        maxPerConnection: z.number().int().min(1).max(10_000).default(20).describe('Subscriptions open at once on one WebSocket connection; more are refused RATE_LIMITED (limit maxPerConnection).'),
        maxPerPrincipal: z
          .number()
          .int()
          .min(1)
          .max(100_000)
          .default(50)
          .describe('Subscriptions open at once for one token subject (else client) across this process\'s connections; more are refused RATE_LIMITED (limit maxPerPrincipal).'),
      })
      .strict()
      .prefault({})
      .describe('GraphQL subscriptions over WebSocket (graphql-ws at /graphql/ws).'),
  })
  .strict()
  .describe('The delivery engine over the dossier change log: citizens\' messages, agency webhooks and GraphQL subscriptions (docs/notifications.md). Every key has a default.');
const printing = z
  .object({
    procedurePageUrl: z
      .string()
      .refine((s) => s.includes('{code}') && URL.canParse(s.replaceAll('{code}', 'x')), 'must be a URL containing {code}')
      .default('https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}')
      .describe('The national portal\'s procedure page; `{code}` is replaced by the procedure code.'),
    publicBaseUrl: z.url().optional().describe('Where citizens reach this gateway\'s /tra-cuu/ lookup; by default its own host and port.'),
    lookupKey: z.string().min(1).optional().describe('Key of the per-dossier lookup secrets, base64 of ≥ 32 bytes (use `${ENV}`); else LIENTHONG_LOOKUP_KEY, else a key file in the data directory.'),
    fontFile: z.string().min(1).optional().describe('A TrueType font with Vietnamese glyphs for PDF sheets; by default DejaVu Sans or Noto Sans where the system has them.'),
    lookupRateLimit: z
      .object({
        perMinute: z.number().int().min(1).default(30).describe('Lookups per minute per client address, after the burst.'),
        burst: z.number().int().min(1).default(10).describe('Lookups a client address may make at once.'),
        maxClients: z.number().int().min(100).default(10_000).describe('Client addresses tracked at most.'),
      })
      .strict()
      .prefault({})
      .describe('The public lookup\'s limit per client address.'),
  })
  .strict()
  .describe('QR codes, barcodes and the citizens\' public status lookup (docs/printing.md).');

const auth = z
  .object({
    issuer: z.string().min(1).describe('The `iss` every token must carry.'),
    audience: z.string().min(1).describe('A value the token\'s `aud` must be or contain.'),
    jwks: z
      .union([
        z
          .object({
            url: z.url().describe('The identity provider\'s JWKS URL; keys are cached, an unknown kid refetches (key rotation).'),
            cooldownMs: z.number().int().min(0).optional().describe('Least time between two fetches.'),
            cacheMaxAgeMs: z.number().int().min(0).optional().describe('How long fetched keys are kept.'),
            timeoutMs: z.number().int().positive().optional().describe('Budget of one fetch in ms.'),
          })
          .strict(),
        z.object({ file: z.string().min(1).describe('A JWKS file.') }).strict(),
        z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).describe('The JWKS keys inline.') }).strict(),
      ])
      .describe('Public keys that verify tokens: a JWKS URL, a JWKS file, or inline keys.'),
    algorithms: z.array(z.enum(['RS256', 'ES256', 'EdDSA'])).min(1).default(['RS256', 'ES256', 'EdDSA']).describe('Signature algorithms accepted; never HMAC, never none.'),
    clockToleranceSeconds: z.number().int().min(0).max(300).default(30).describe('Tolerance on exp and nbf.'),
    allowAnonymous: z.boolean().default(false).describe('Requests without a token get the anonymous principal (procedures:read only).'),
    verifiedTokenSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(60)
      .describe('A token verified once is taken again without checking its signature for this long (never past its exp): a key removed from the key set stops admitting its tokens within it. 0 verifies every request.'),
    verifiedTokenEntries: z.number().int().min(0).max(1_000_000).default(10_000).describe('Verified tokens kept at most, the least recently used dropped first.'),
  })
  .strict()
  .describe('Bearer-token authentication: every request to /graphql and /documents is verified.');

const limits = z
  .object({
    maxDepth: z.number().int().min(2).default(10).describe('Deepest selection nesting.'),
    maxAliases: z.number().int().min(0).default(15).describe('Aliases in one operation.'),
    maxTokens: z.number().int().min(50).default(2000).describe('Tokens in the document, counted by the parser, which stops there.'),
    maxCost: z.number().int().min(100).default(20_000).describe('Estimated cost with the request\'s variables: objects 2, leaves 1, ×1.5 per level, × each page size.'),
    maxDirectives: z.number().int().min(0).default(50).describe('Directives in one operation.'),
  })
  .strict()
  .default({ maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxCost: 20_000, maxDirectives: 50 })
  .describe('Limits on the shape of a GraphQL request; each refused with QUERY_LIMIT_EXCEEDED naming it.');

const telemetry = z
  .object({
    enabled: z.boolean().default(false).describe('Trace requests and upstream calls; off, nothing is registered and the gateway pays nothing.'),
    otlpUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('The OTLP/HTTP traces endpoint, e.g. `http://otel-collector:4318/v1/traces`; without it, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTLP\'s default (localhost:4318).'),
    otlpHeaders: z.record(z.string(), z.string()).default({}).describe('Headers sent with every export, e.g. a collector\'s API key (use `${ENV}`).'),
    serviceName: z.string().min(1).default('lienthong').describe('`service.name` of the spans.'),
    sampleRatio: z.number().min(0).max(1).default(1).describe('Share of new traces kept (0–1); a request carrying a `traceparent` follows its caller\'s decision.'),
  })
  .strict()
  .prefault({})
  .describe('OpenTelemetry traces: a span per request and per upstream call, W3C trace context in and out (README.md#tracing).');

const server = z
  .object({
    host: z.string().min(1).default('127.0.0.1').describe('Address the API listens on.'),
    port: port.default(4000).describe('Port of the API; 0 picks a free one.'),
    mode: z.enum(['development', 'production']).default('production').describe('development: stack traces and upstream detail in errors. Never on a network.'),
    introspection: z.boolean().default(true).describe('Answer introspection queries.'),
    playground: z.boolean().default(false).describe('Serve the offline GraphiQL at / and /playground. Off unless asked for; the demo turns it on.'),
    cors: z
      .object({
        origins: z
          .array(z.url().refine((u) => new URL(u).origin === u.replace(/\/$/, ''), 'must be an origin: scheme, host and port only').transform((u) => new URL(u).origin))
          .default([])
          .describe('Browser origins allowed to call the API cross-origin, e.g. `https://motcua.thanhhoa.gov.vn`; none by default.'),
        maxAgeSeconds: z.number().int().min(0).max(86_400).default(600).describe('Seconds a browser may cache a preflight\'s answer.'),
      })
      .strict()
      .prefault({})
      .describe('CORS: which browser origins may call the API.'),
    compressThresholdBytes: z.number().int().min(0).default(1024).describe('Responses larger than this many bytes are compressed (gzip, brotli or deflate, as the client accepts); 0 turns compression off.'),
    bodyLimitBytes: z.number().int().positive().default(1_048_576).describe('Largest request body; larger ones get PAYLOAD_TOO_LARGE (413).'),
    trustProxy: z
      .union([z.boolean(), z.array(z.string().min(1)).min(1)])
      .default(false)
      .describe(
        'Behind a load balancer or reverse proxy: which hops\' X-Forwarded-For to believe for the client\'s address (audit log, the public lookup\'s rate limit). false: none (the connection\'s address); a list: those proxies\' addresses or CIDRs (e.g. ["10.0.0.0/8"]); true: any (only when nothing else can reach the port).',
      ),
    readinessDetails: z.boolean().default(false).describe('/readyz shows per-source details, store location and audit counters (it needs no token): for closed networks only.'),
    ...metricsServer,
    federation: z.boolean().default(false).describe('Serve the schema as an Apollo Federation 2 subgraph, for a router composing gateways (README.md#federation).'),
  })
  .strict()
  .prefault({})
  .describe('The HTTP server.');

const store = z
  .object({
    mongodbUri: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional().describe('Selects MongoDB (a replica set, for transactions); without it the embedded SQLite store is used.'),
    dataDir: z.string().min(1).default('./data').describe('Where the SQLite file and the gateway\'s key files live.'),
    auditRetentionDays: z.number().int().min(1).max(36500).default(365).describe('Audit entries older than this are deleted (TTL index on MongoDB, hourly purge on SQLite).'),
    auditFlushIntervalMs: z.number().int().min(10).max(60_000).default(1000).describe('Longest an audit entry waits in memory before its batch is written: what a crash can lose.'),
    dataKeys: z
      .object({
        active: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, ".", "_" or "-"').describe('The id of the key new records are sealed under.'),
        keys: z.record(z.string(), z.string().min(1)).describe('Key id → 32 bytes in base64 (use `${ENV}`); old keys stay to open what they sealed.'),
      })
      .strict()
      .refine((k) => Object.hasOwn(k.keys, k.active), 'active must name one of keys')
      .optional()
      .describe('The keys that seal personal data at rest (AES-256-GCM); without it, LIENTHONG_DATA_KEY, else a key file made in dataDir.'),
  })
  .strict()
  .default({ dataDir: './data', auditRetentionDays: 365, auditFlushIntervalMs: 1000 })
  .describe('Where the gateway keeps its state: MongoDB, or an embedded SQLite file.');

/** The whole configuration, validated once at start (`parseConfig`); docs/configuration.md lists every key. */
export const configSchema = z
  .object({
    server,
    auth,
    limits,
    trust,
    auditSigning: auditSigning.optional(),
    log: z
      .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('The least severe log lines written (JSON lines, pino).') })
      .strict()
      .default({ level: 'info' })
      .describe('Logging.'),
    store,
    sources: z
      .object({
        nationalProcedures,
        provinces: z
          .array(province)
          .default([])
          .refine((list) => new Set(list.map((p) => p.province)).size === list.length, 'each province may appear once')
          .refine((list) => new Set(list.map((p) => p.name)).size === list.length, 'each name may appear once')
          .describe('The provinces\' one-stop systems, one entry per province.'),
        dossiers,
        documentExchange: documentExchange.optional(),
        nationalPortal: nationalPortal.optional(),
      })
      .strict()
      .describe('The sources the gateway stands in front of.'),
    notifications: notifications.optional(),
    delivery: delivery.prefault({}),
    printing: printing.prefault({}),
    telemetry,
  })
  .strict();

export type GatewayConfig = z.infer<typeof configSchema>;
/** A configuration as written in a file: defaults may be left out. */
export type GatewayConfigInput = z.input<typeof configSchema>;
