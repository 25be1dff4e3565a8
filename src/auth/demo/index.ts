export { createDemoIssuer } from './create-demo-issuer';
export type { DemoIssuer, DemoIssuerOptions } from './create-demo-issuer';
export { demoPrincipals } from './demo-principals';
export type { DemoPrincipal } from './demo-principals';
export { formatDemoTokens, issueDemoTokens } from './issue-demo-tokens';
export type { DemoToken } from './issue-demo-tokens';
