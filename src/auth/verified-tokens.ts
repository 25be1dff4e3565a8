import type { JWTPayload } from 'jose';
import type { Principal } from './principal';

/**
 * Tokens whose signature and claims were checked, with the principal they gave, so a
 * client sending the same token again is not verified again: an ECDSA or RSA signature
 * check cost a tenth of a procedure lookup's CPU. An entry is used only while the token
 * would still verify by time — before its `exp` and after its `nbf`, with the same clock
 * tolerance — and for `seconds` at most, so a key withdrawn from the key set stops
 * admitting its tokens within that time. Bounded: the least recently used go first. The
 * token itself is the key: only the exact bytes that verified find an entry.
 */
export function createVerifiedTokens({ seconds, entries, clockToleranceSeconds, now = () => Date.now() }: { seconds: number; entries: number; clockToleranceSeconds: number; now?: () => number }) {
  const kept = new Map<string, { principal: Principal; usableFromMs: number; usableUntilMs: number }>();
  return {
    get(token: string): Principal | null {
      const entry = kept.get(token);
      if (!entry) return null;
      const at = now();
      if (at < entry.usableFromMs || at >= entry.usableUntilMs) {
        kept.delete(token);
        return null;
      }
      kept.delete(token);
      kept.set(token, entry);
      return entry.principal;
    },
    keep(token: string, principal: Principal, claims: JWTPayload): void {
      if (seconds <= 0 || entries <= 0) return;
      const at = now();
      const tolerance = clockToleranceSeconds * 1000;
      // exp is required by the verifier; without it nothing would be kept.
      if (typeof claims.exp !== 'number') return;
      const usableUntilMs = Math.min(at + seconds * 1000, claims.exp * 1000 + tolerance);
      const usableFromMs = typeof claims.nbf === 'number' ? claims.nbf * 1000 - tolerance : -Infinity;
      kept.set(token, { principal, usableFromMs, usableUntilMs });
      if (kept.size > entries) kept.delete(kept.keys().next().value!);
    },
  };
}
