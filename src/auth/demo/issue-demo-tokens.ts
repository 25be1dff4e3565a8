import type { DemoIssuer } from './create-demo-issuer';
import { demoPrincipals } from './demo-principals';

export interface DemoToken {
  name: string;
  description: string;
  token: string;
}

/** A token for each of `demoPrincipals()`, valid for `expiresIn` (jose time span). */
export async function issueDemoTokens(issuer: DemoIssuer, { expiresIn = '12h' }: { expiresIn?: string | number } = {}): Promise<DemoToken[]> {
  return Promise.all(
    demoPrincipals().map(async ({ name, description, claims }) => ({ name, description, token: await issuer.issue(claims, { expiresIn }) })),
  );
}

/** The tokens as the demo prints them: name, description, then a ready header line. */
export function formatDemoTokens(tokens: DemoToken[]): string {
  return tokens.map(({ name, description, token }) => `${name}: ${description}\n  Authorization: Bearer ${token}`).join('\n\n');
}
