import type { JWK } from 'jose';

/** The signature algorithms the gateway can accept. Never HMAC, never `none`. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;

export type AcceptedAlgorithm = (typeof ACCEPTED_ALGORITHMS)[number];

/** A key set fetched from the identity provider's JWKS endpoint (cached, refetched on an unknown `kid`). */
export interface RemoteJwksOptions {
  /** The identity provider's `jwks_uri`, e.g. `https://sso.example.gov.vn/realms/x/protocol/openid-connect/certs`. */
  url: string;
  /**
   * After a fetch, the key set is not fetched again for an unknown `kid` until this long
   * has passed: a flood of tokens naming invented keys costs at most one fetch per period.
   * @default 30000
   */
  cooldownMs?: number;
  /** A key set older than this is fetched again before use, so removed keys stop verifying. @default 600000 */
  cacheMaxAgeMs?: number;
  /** Longest wait for the JWKS endpoint. @default 5000 */
  timeoutMs?: number;
}

/** A key set in a JSON file (`{"keys": [...]}`), read once at start-up. */
export interface FileJwksOptions {
  file: string;
}

/** A key set given inline (the demo issuer's, or tests'). */
export interface InlineJwksOptions {
  keys: JWK[];
}

export type JwksOptions = RemoteJwksOptions | FileJwksOptions | InlineJwksOptions;

/** How bearer tokens are verified. */
export interface AuthOptions {
  /** The `iss` every token must carry exactly. */
  issuer: string;
  /** A value the token's `aud` must be or contain. */
  audience: string;
  /** Where the public keys that verify tokens come from. Public keys only. */
  jwks: JwksOptions;
  /** Signature algorithms accepted. @default ['RS256', 'ES256', 'EdDSA'] */
  algorithms?: AcceptedAlgorithm[];
  /** Leeway for `exp` and `nbf` against the gateway's clock, in seconds. @default 30 */
  clockToleranceSeconds?: number;
  /**
   * When true, a request without an Authorization header gets the anonymous principal
   * (only `procedures:read`). A request that sends a token is verified all the same.
   * @default false
   */
  allowAnonymous?: boolean;
  /** Claims a token must carry besides `iss`, `aud` and `exp`, which are always required. @default [] */
  requiredClaims?: string[];
  /**
   * A token verified once is taken again without checking its signature for this many
   * seconds (never past its `exp`, never before its `nbf`): an ES256 or RS256 check is a
   * tenth of a small request's CPU. A key removed from the key set stops verifying its
   * tokens after at most this long. 0 verifies every request. @default 60
   */
  verifiedTokenSeconds?: number;
  /** Verified tokens kept at most (least recently used dropped first). @default 10000 */
  verifiedTokenEntries?: number;
}
