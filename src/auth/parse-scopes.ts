import { isScope, type Scope } from './scope';

/**
 * The known scopes granted by a token's `scope` claim (a space-separated string, RFC
 * 9068 §2.2.3) and `scp` claim (an array of strings, or a space-separated string as some
 * identity providers send it); the union of both when both are present. Unknown scopes
 * are ignored. Returns null when either claim is present with another type.
 */
export function parseScopes(scope: unknown, scp: unknown): ReadonlySet<Scope> | null {
  const fromScope = scope === undefined ? [] : splitString(scope);
  const fromScp = scp === undefined ? [] : Array.isArray(scp) ? stringsOnly(scp) : splitString(scp);
  if (fromScope === null || fromScp === null) return null;
  return new Set([...fromScope, ...fromScp].filter(isScope));
}

function splitString(value: unknown): string[] | null {
  return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : null;
}

function stringsOnly(values: unknown[]): string[] | null {
  return values.every((item) => typeof item === 'string') ? (values as string[]) : null;
}
