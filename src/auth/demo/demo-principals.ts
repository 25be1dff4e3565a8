import type { Scope } from '../scope';

/** A typical caller of the gateway, as the claims of its token. */
export interface DemoPrincipal {
  /** Short name, e.g. `province-officer`. */
  name: string;
  description: string;
  claims: { client_id: string; sub: string; agency?: string; scope: string };
}

const scope = (...scopes: Scope[]): string => scopes.join(' ');

/**
 * The seven typical principals of the demo. Their agency codes exist in the demo data
 * (`simulators/national-procedures/generate-agencies.ts`, any seed): Thanh Hóa
 * (`000.00.00.H56`), its first district Thành phố Thanh Hóa (`000.00.41.H56`), that
 * district's first ward (`000.01.41.H56`), and the Government Office (`000.00.00.G22`).
 *
 * The three officers share one client application (the province's one-stop system), as
 * in a real deployment; the audit log tells them apart by their subject (`sub`). The
 * commune officer has no `pii:read`, to show masking; the sync job acts for the
 * Government Office, which by the code sees no province's dossiers (see `canSeeAgency`)
 * but reads them all through `sync:admin`. The security auditor stands for the agency
 * operating the gateway (the Government Office in the demo). The province and district
 * officers may register their agencies' webhooks (`webhooks:manage`).
 */
export function demoPrincipals(): DemoPrincipal[] {
  return [
    {
      name: 'province-officer',
      description: 'Officer of the Thanh Hóa provincial People\'s Committee (000.00.00.H56): the province, its districts and communes.',
      claims: { client_id: 'demo-one-stop-h56', sub: 'can-bo-tinh-h56', agency: '000.00.00.H56', scope: scope('procedures:read', 'dossiers:read', 'pii:read', 'documents:read', 'documents:send', 'webhooks:manage') },
    },
    {
      name: 'district-officer',
      description: 'Officer of Thành phố Thanh Hóa (000.00.41.H56): that city and its wards and communes only.',
      claims: { client_id: 'demo-one-stop-h56', sub: 'can-bo-huyen-41-h56', agency: '000.00.41.H56', scope: scope('procedures:read', 'dossiers:read', 'pii:read', 'documents:read', 'documents:send', 'webhooks:manage') },
    },
    {
      name: 'commune-officer',
      description: 'Officer of the first ward of Thành phố Thanh Hóa (000.01.41.H56), without pii:read: personal data comes masked.',
      claims: { client_id: 'demo-one-stop-h56', sub: 'can-bo-xa-01-41-h56', agency: '000.01.41.H56', scope: scope('procedures:read', 'dossiers:read', 'documents:read') },
    },
    {
      name: 'national-portal-sync',
      description: 'The National Public Service Portal\'s sync job, for the Government Office (000.00.00.G22).',
      claims: { client_id: 'national-portal-sync', sub: 'service-account-dvcqg', agency: '000.00.00.G22', scope: scope('sync:admin', 'dossiers:read', 'procedures:read', 'pii:read') },
    },
    {
      name: 'auditor',
      description: 'Auditor of Thanh Hóa (000.00.00.H56): reads the audit log, nothing else.',
      claims: { client_id: 'demo-audit-console', sub: 'thanh-tra-h56', agency: '000.00.00.H56', scope: scope('audit:read') },
    },
    {
      name: 'security-auditor',
      description: 'Security auditor of the agency operating the gateway (000.00.00.G22): reads the whole audit log, refused and anonymous requests included, nothing else.',
      claims: { client_id: 'demo-audit-console', sub: 'an-ninh-he-thong-g22', agency: '000.00.00.G22', scope: scope('audit:security') },
    },
    {
      name: 'developer',
      description: 'A developer\'s application: public procedure data only, no agency.',
      claims: { client_id: 'demo-developer-app', sub: 'developer', scope: scope('procedures:read') },
    },
  ];
}
