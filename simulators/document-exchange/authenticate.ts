import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SimRequest } from '../kit';
import type { AxisSystem } from './types';

/** Who called and the parameters they sent, keys lower-cased (`docid`, `messagetype`, …). */
export interface AxisCaller {
  system: AxisSystem;
  params: ReadonlyMap<string, string>;
}

const SIGNED_PREFIX = 'xroadvnpt-';

/**
 * Authenticates a call the two ways systems send credentials, and reads its parameters.
 *
 * Signed, as the SDK (SDKVXP 2.0.1, `VnptService.addXroadVnptHashHeader`) sends every
 * call: each parameter is a header `XroadVnpt-<name>`, the whole set is also sent as the
 * JSON object `XroadVnpt-sign-header`, and `XroadVnpt-hash-header` is the hex
 * HMAC-SHA256 of that JSON string keyed with the system's secret. The secret itself never
 * travels. Parameters are read from the verified JSON, so a header changed on the way
 * cannot take effect.
 *
 * Plain, as docs/sources.md describes older clients (our reading): headers `systemid` and
 * `secret`, parameters as plain headers.
 *
 * Returns null for an unknown system, a wrong secret, a signature that does not verify,
 * or a sign header that is not a JSON object of strings; the caller answers all of these
 * alike, so a prober learns nothing about which part was wrong.
 */
export function authenticate(req: SimRequest, findSystem: (systemId: string) => AxisSystem | undefined): AxisCaller | null {
  const hash = header(req, 'xroadvnpt-hash-header');
  return hash === undefined ? authenticatePlain(req, findSystem) : authenticateSigned(req, hash, findSystem);
}

function authenticateSigned(req: SimRequest, hash: string, findSystem: (systemId: string) => AxisSystem | undefined): AxisCaller | null {
  const signHeader = header(req, 'xroadvnpt-sign-header');
  if (signHeader === undefined) return null;
  let signed: unknown;
  try {
    signed = JSON.parse(signHeader);
  } catch {
    return null;
  }
  if (typeof signed !== 'object' || signed === null || Array.isArray(signed)) return null;
  const params = new Map<string, string>();
  for (const [key, value] of Object.entries(signed)) {
    if (typeof value !== 'string') return null;
    const name = key.toLowerCase();
    if (name.startsWith(SIGNED_PREFIX)) params.set(name.slice(SIGNED_PREFIX.length), value);
  }
  const system = findSystem(params.get('systemid') ?? '');
  if (!system) return null;
  const expected = createHmac('sha256', system.secret).update(signHeader, 'utf8').digest('hex');
  return sameText(expected, hash.trim().toLowerCase()) ? { system, params } : null;
}

function authenticatePlain(req: SimRequest, findSystem: (systemId: string) => AxisSystem | undefined): AxisCaller | null {
  const system = findSystem(header(req, 'systemid') ?? '');
  const secret = header(req, 'secret');
  if (!system || secret === undefined || !sameText(system.secret, secret)) return null;
  const params = new Map<string, string>();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') params.set(name.toLowerCase(), value);
  }
  return { system, params };
}

function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Constant-time comparison of two strings (different lengths are simply unequal). */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
