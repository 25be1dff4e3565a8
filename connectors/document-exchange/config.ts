import { z } from 'zod';
import { GatewayError } from '../../src/errors';
import type { SigningKey } from '../kit/pki';
import type { ResilienceOptions } from '../kit';
import type { EdxmlLimits } from './edxml';
import { resolveEdxmlLimits } from './edxml';
import type { SignatureService } from './signature';

/** Options of the document-exchange connector: one system connected to the national exchange axis. */
export interface DocumentExchangeOptions {
  /** Source name used in errors, logs and /readyz. @default 'document-exchange' */
  name?: string;
  /** The axis endpoint; `/sendEdoc`, `/getEdoc`, … are below it. */
  url: string;
  /** `systemid` the axis issued to the gateway's system. */
  systemId: string;
  /** The system's secret; it keys the HMAC of every call and is never sent. */
  secret: string;
  /** The gateway's own organ id (mã định danh), sent as `from`, e.g. `000.00.00.G22`; the axis routes by it. */
  agencyCode: string;
  /** Per-request deadline in milliseconds. @default 10000 */
  timeoutMs?: number;
  /** Keep-alive connections to the axis. @default 8 */
  connections?: number;
  /** Bounds on messages read and sent; see EdxmlLimits for each default. @default {} */
  limits?: EdxmlLimits;
  /** Retries of reads, circuit breaker, concurrency cap (see ResilienceOptions); writes are never retried. @default {} */
  resilience?: ResilienceOptions;
  /**
   * Verifies the signatures of received documents and signs what is sent (one service,
   * shared by every connected system). Without it, received messages carry no verdict.
   * @default none
   */
  signatures?: SignatureService;
  /** The system's key (loadSigningKey): every message it sends is signed with it; needs `signatures`. @default unsigned */
  signingKey?: SigningKey;
}

export type ResolvedDocumentExchangeOptions = Readonly<
  Required<Omit<DocumentExchangeOptions, 'limits' | 'signatures' | 'signingKey' | 'resilience'>> & { limits: Required<EdxmlLimits>; resilience: ResilienceOptions; signatures?: SignatureService; signingKey?: SigningKey }
>;

const schema = z.object({
  name: z.string().trim().min(1),
  url: z.url({ protocol: /^https?$/ }),
  systemId: z.string().trim().min(1),
  secret: z.string().min(1),
  // Legacy organ ids such as `28.22.H17` (the SDK sample's) still circulate on the axis.
  agencyCode: z.string().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+){1,3}$/, 'must be an organ id such as 000.00.00.G22'),
  timeoutMs: z.number().int().positive(),
  connections: z.number().int().positive(),
});

/**
 * Validates the options once, at start-up, fills in the defaults and freezes them.
 * @throws GatewayError CONFIG_INVALID naming every bad option and what arrived (never the secret).
 */
export function resolveDocumentExchangeOptions({
  name = 'document-exchange',
  timeoutMs = 10_000,
  connections = 8,
  limits = {},
  signatures,
  signingKey,
  resilience = {},
  ...rest
}: DocumentExchangeOptions): ResolvedDocumentExchangeOptions {
  const input: Record<string, unknown> = { name, timeoutMs, connections, ...rest };
  const parsed = schema.safeParse(input);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        const shown = key === 'secret' ? '(hidden)' : JSON.stringify(input[key]);
        return `${key}: ${issue.message}, got ${shown}`;
      });
  let resolvedLimits: Required<EdxmlLimits> | undefined;
  try {
    resolvedLimits = resolveEdxmlLimits(limits);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  if (signingKey && !signatures) problems.push('signingKey: signing needs the signature service (signatures)');
  if (!parsed.success || !resolvedLimits || problems.length > 0) {
    throw new GatewayError('CONFIG_INVALID', `document-exchange connector options are invalid: ${problems.join('; ')}`, { source: name });
  }
  return Object.freeze({ ...parsed.data, limits: Object.freeze(resolvedLimits), resilience, ...(signatures && { signatures }), ...(signingKey && { signingKey }) });
}
