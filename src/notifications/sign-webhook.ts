import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers a signed webhook request carries. */
export const SIGNATURE_HEADER = 'x-lienthong-signature' as const;
export const TIMESTAMP_HEADER = 'x-lienthong-timestamp' as const;

/** How far a webhook's timestamp may be from the receiver's clock, by default. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Signs a webhook body: HMAC-SHA256 with the subscriber's secret over `{t}.{body}`, `t`
 * the Unix time in seconds, sent as `X-Lienthong-Signature: t=<t>,v1=<hex>` beside
 * `X-Lienthong-Timestamp: <t>` (the scheme Stripe and GitHub receivers know). Signing the
 * timestamp with the body lets a receiver refuse a replayed request, not only a forged one.
 * Several secrets (a rotation in progress) give one `v1=` each.
 */
export function signWebhook(body: string, secrets: string | readonly string[], nowMs = Date.now()): { [SIGNATURE_HEADER]: string; [TIMESTAMP_HEADER]: string } {
  const t = Math.floor(nowMs / 1000);
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0 || list.some((s) => s.length === 0)) throw new Error('signWebhook needs at least one non-empty secret');
  const signatures = list.map((secret) => `v1=${hmac(secret, t, body)}`);
  return { [SIGNATURE_HEADER]: `t=${t},${signatures.join(',')}`, [TIMESTAMP_HEADER]: String(t) };
}

/** Why a webhook request was refused. */
export type WebhookRefusal = 'SIGNATURE_MISSING' | 'SIGNATURE_MALFORMED' | 'TIMESTAMP_OUTSIDE_WINDOW' | 'SIGNATURE_MISMATCH';

/**
 * Verifies a signed webhook as a receiver must: the header parses, its timestamp is within
 * `toleranceSeconds` of now (a replay of an old request is refused even with a valid
 * signature), and one `v1=` matches the HMAC of `{t}.{body}` under one of `secrets`,
 * compared in constant time. `body` must be the raw bytes received, not re-serialised JSON.
 */
export function verifyWebhookSignature({
  body,
  header,
  secrets,
  nowMs = Date.now(),
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
}: {
  body: string;
  header: string | null | undefined;
  secrets: string | readonly string[];
  nowMs?: number;
  toleranceSeconds?: number;
}): { ok: true; timestamp: number } | { ok: false; reason: WebhookRefusal } {
  if (!header) return { ok: false, reason: 'SIGNATURE_MISSING' };
  let t: number | null = null;
  const given: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2) as [string, string | undefined];
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value)) given.push(value);
  }
  if (t === null || given.length === 0) return { ok: false, reason: 'SIGNATURE_MALFORMED' };
  if (Math.abs(nowMs / 1000 - t) > toleranceSeconds) return { ok: false, reason: 'TIMESTAMP_OUTSIDE_WINDOW' };
  const expected = (typeof secrets === 'string' ? [secrets] : secrets).map((secret) => Buffer.from(hmac(secret, t, body), 'hex'));
  const matches = given.some((v1) => {
    const candidate = Buffer.from(v1, 'hex');
    return expected.some((e) => timingSafeEqual(e, candidate));
  });
  return matches ? { ok: true, timestamp: t } : { ok: false, reason: 'SIGNATURE_MISMATCH' };
}

function hmac(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
}
