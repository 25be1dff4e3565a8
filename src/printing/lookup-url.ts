import { lookupSecretOf } from './lookup-secret';

/** The citizen's status link of a dossier: `{publicBaseUrl}/tra-cuu/{code}?k={secret}`. */
export function lookupUrlOf(dossierCode: string, { publicBaseUrl, lookupKey }: { publicBaseUrl: string; lookupKey: Buffer }): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/tra-cuu/${encodeURIComponent(dossierCode)}?k=${lookupSecretOf(dossierCode, lookupKey)}`;
}
