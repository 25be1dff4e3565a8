import { checkReady, type Connector, type HttpClientStats } from '../kit';
import { createPortalClient } from './client';
import type { NationalPortalOptions } from './config';
import { createPushDossier, type PushDossierInput, type PushResult } from './push-dossier';

export type { NationalPortalOptions } from './config';
export { isPermanentPushFailure } from './push-dossier';
export type { PushDossierInput, PushResult } from './push-dossier';
export { mapPortalDossier } from './map-portal-dossier';
export type { PortalDossier, PortalDossierInput, PortalDossierMapping, PortalOmission, PortalRefusal, PortalRefusalReason } from './map-portal-dossier';
export type { PortalStep } from './map-portal-step';

/** A dossier code no province issues (day 2000-01-01, sequence 0000): what the readiness check looks up. */
const PROBE_DOSSIER_CODE = '000.00.00.G22-000101-0000';

/**
 * The National Public Service Portal (Cổng DVCQG), to which dossiers are pushed. The
 * contract (README.md): `pushDossier` resolves with what it did or rejects with a catalogue
 * error; `isPermanentPushFailure(err)` tells a refusal of the content (dead letter) from a
 * failure worth retrying.
 */
export interface NationalPortalConnector extends Connector {
  readonly kind: 'national-portal';
  readonly stats: HttpClientStats;
  /** Creates or updates one dossier on the portal, then pushes its steps. */
  pushDossier(input: PushDossierInput): Promise<PushResult>;
  /** Whether the portal holds the dossier (one `TraCuuHoSo` call). */
  hasDossier(code: string): Promise<boolean>;
  /** The portal's copy of the dossier as it answers `TraCuuHoSo` (keys as the portal writes them), or null when it holds none. */
  lookUpDossier(code: string): Promise<Record<string, unknown> | null>;
}

/** Creates the portal connector from its options (defaults in config.ts); nothing is called until the first push or readiness check. */
export function createNationalPortalConnector(options: NationalPortalOptions): NationalPortalConnector {
  const name = options.name ?? 'national-portal';
  const client = createPortalClient({ ...options, name });
  const { pushDossier, hasDossier, lookUpDossier } = createPushDossier(client, { source: name, lookupBeforePush: options.lookupBeforePush ?? 'when-unknown' });
  return {
    name,
    kind: 'national-portal',
    stats: client.http.stats,
    resilience: client.http.resilience,
    pushDossier,
    hasDossier,
    lookUpDossier,
    checkReady: () =>
      checkReady(
        name,
        'national-portal',
        async () => {
          await hasDossier(PROBE_DOSSIER_CODE);
        },
        client.http.resilience,
      ),
    close: () => client.close(),
  };
}
