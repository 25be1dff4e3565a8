import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SYSTEMS, startDocumentExchangeSimulator, type DocumentExchangeSimulator } from '../../simulators/document-exchange';
import { startNationalPortalSimulator, type NationalPortalSimulator, type NationalPortalSimulatorOptions } from '../../simulators/national-portal';
import { startNationalProceduresSimulator, type NationalProceduresSimulator } from '../../simulators/national-procedures';
import {
  IGATE_STATUS_TABLE,
  MOTCUA_STATUS_TABLE,
  SOAP_STATUS_TABLE,
  startOneStopSimulator,
  type OneStopDialect,
  type OneStopSimulator,
} from '../../simulators/one-stop';
import { startSmsBrandnameSimulator, type SmsBrandnameSimulator } from '../../simulators/sms-brandname';
import { startZaloZnsSimulator, type ZaloZnsSimulator } from '../../simulators/zalo-zns';
import { createDemoIssuer, issueDemoTokens, type DemoIssuer, type DemoToken } from '../auth/demo';
import type { GatewayConfigInput } from '../config';

/** One simulated province of the demo. */
export interface DemoProvince {
  name: string;
  province: string;
  dialect: OneStopDialect;
  statusTable: Readonly<Record<string, number>>;
}

/** Three provinces, one per vendor dialect, with their real codes (Thanh Hóa, Nghệ An, Quảng Ngãi). */
export const DEMO_PROVINCES: readonly DemoProvince[] = [
  { name: 'province-h56', province: 'H56', dialect: 'igate', statusTable: IGATE_STATUS_TABLE },
  { name: 'province-h41', province: 'H41', dialect: 'motcua', statusTable: MOTCUA_STATUS_TABLE },
  { name: 'province-h48', province: 'H48', dialect: 'soap', statusTable: SOAP_STATUS_TABLE },
];

export interface DemoSources {
  /** The configuration pointing at the simulators. */
  config: GatewayConfigInput;
  simulators: {
    nationalProcedures: NationalProceduresSimulator;
    provinces: OneStopSimulator[];
    documentExchange: DocumentExchangeSimulator;
    nationalPortal: NationalPortalSimulator;
    zaloZns: ZaloZnsSimulator;
    smsBrandname: SmsBrandnameSimulator;
  };
  /** The local token issuer whose public keys the config trusts. */
  issuer: DemoIssuer;
  /** Ready tokens for the typical principals, valid 12 hours. */
  tokens: DemoToken[];
  close(): Promise<void>;
}

export interface DemoOptions {
  /** Seed of every simulator's data. @default 20240315 */
  seed?: number;
  /** Procedures in the national simulator. @default 2000 */
  procedures?: number;
  /** Dossiers per province; 0 runs no province. @default 20000 */
  dossiersPerProvince?: number;
  /** Options of the national portal's simulator beyond the demo's (e.g. `duplicateCreate`, `historyLimit`, for tests). @default {} */
  portal?: Partial<Pick<NationalPortalSimulatorOptions, 'duplicateCreate' | 'historyLimit'>>;
}

const CREDENTIALS = { username: 'lienthong', password: 'demo-secret' };

/**
 * The embedded demo: every simulated source on loopback (ephemeral ports) and a
 * configuration that points the gateway at them. What `npm start` runs with no config,
 * and what the end-to-end tests run, smaller.
 */
export async function startDemoSources({ seed = 20240315, procedures = 2000, dossiersPerProvince = 20000, portal = {} }: DemoOptions = {}): Promise<DemoSources> {
  const dstcode = 'VN:GOV:000.00.00.G22:vpcpdvcprovider';
  const nationalProcedures = await startNationalProceduresSimulator({ seed, procedures, dstcode, ...CREDENTIALS });
  const { data } = nationalProcedures;
  const sectorOf = new Map(data.sectors.map((s) => [s.MALINHVUC, s.TENLINHVUC]));
  // Provinces handle procedures of the province, district and commune levels.
  const local = data.procedures
    .filter((p) => (p.CAPTHUCHIEN ?? []).some((c) => ['1', '2', '3'].includes(c.CAPTHUCHIEN.trim())))
    .map((p) => {
      const sector = (p.LINHVUCTHUCHIEN ?? [])[0];
      return { code: p.MATTHC.trim(), name: p.TENTTHC.trim(), sectorCode: sector?.MALINHVUC ?? '', sectorName: sector?.TENLINHVUC ?? sectorOf.get(sector?.MALINHVUC ?? '') ?? '' };
    });
  const provinces =
    dossiersPerProvince > 0
      ? await Promise.all(
          DEMO_PROVINCES.map((p, i) =>
            startOneStopSimulator({ dialect: p.dialect, provinceCode: p.province, agencies: data.agencies, procedures: local, seed: seed + i + 1, dossiers: dossiersPerProvince, ...CREDENTIALS }),
          ),
        )
      : [];
  // The Government Office's and Nghệ An's document systems, connected through the gateway,
  // each with a demo signing key; the gateway trusts the demo CA, so what they send is VERIFIED.
  const documentExchange = await startDocumentExchangeSimulator({ seed, systems: [...DEFAULT_SYSTEMS], demoPki: true });
  const pkiDir = mkdtempSync(path.join(tmpdir(), 'lienthong-demo-pki-'));
  const pkiFile = (name: string, content: string): string => {
    writeFileSync(path.join(pkiDir, name), content, { mode: 0o600 });
    return path.join(pkiDir, name);
  };
  const caFile = pkiFile('demo-ca.pem', documentExchange.pki!.caPem);
  const crlFile = pkiFile('demo-ca.crl', documentExchange.pki!.crlPem);
  const signingOf = (systemId: string) => {
    const identity = documentExchange.pki!.identities.get(systemId)!;
    return { key: pkiFile(`${systemId}.key.pem`, identity.keyPem), certificate: pkiFile(`${systemId}.cert.pem`, identity.certificatePem) };
  };
  // The national portal knows the national catalogue's procedure codes, and no others.
  const portalDstcode = 'VN:GOV:000.00.00.G22:dvcqg';
  const nationalPortal = await startNationalPortalSimulator({ procedureCodes: data.procedures.map((p) => p.MATTHC.trim()), dstcode: portalDstcode, ...CREDENTIALS, ...portal });
  // The citizens' channels: a Zalo Official Account and an SMS brandname gateway.
  // The OA's refresh token is new on every start, so tokens a previous run rotated (kept in the data directory) give way to it.
  const [zaloZns, smsBrandname] = await Promise.all([startZaloZnsSimulator({ refreshToken: `demo-${randomUUID()}` }), startSmsBrandnameSimulator()]);
  const issuer = await createDemoIssuer();
  return {
    simulators: { nationalProcedures, provinces, documentExchange, nationalPortal, zaloZns, smsBrandname },
    issuer,
    tokens: await issueDemoTokens(issuer),
    config: {
      // The demo runs on loopback: readiness details help whoever explores it.
      server: { readinessDetails: true },
      auth: { issuer: issuer.issuer, audience: issuer.audience, jwks: { keys: issuer.jwks.keys as unknown as Array<Record<string, unknown>> } },
      sources: {
        nationalProcedures: { url: nationalProcedures.url, dstcode, ...CREDENTIALS },
        provinces: provinces.map((sim, i) => {
          const { name, province, dialect, statusTable } = DEMO_PROVINCES[i]!;
          const common = { name, province, url: sim.url, statusTable: { ...statusTable }, ...CREDENTIALS };
          return dialect === 'igate' ? { ...common, dialect, ssoUrl: sim.url, clientId: 'lienthong-gateway' } : { ...common, dialect };
        }),
        documentExchange: {
          url: documentExchange.url,
          systems: DEFAULT_SYSTEMS.map(({ systemId, secret, agencyCode }) => ({ name: `qlvb-${agencyCode.slice(-3).toLowerCase()}`, systemId, secret, agencyCode, signing: signingOf(systemId) })),
        },
        nationalPortal: { url: nationalPortal.url, dstcode: portalDstcode, ...CREDENTIALS },
      },
      trust: { caCertificates: [caFile], crls: [crlFile] },
      notifications: {
        zaloZns: { url: zaloZns.url, oauthUrl: zaloZns.oauthUrl, appId: zaloZns.appId, secretKey: zaloZns.secretKey, refreshToken: zaloZns.state().refreshToken },
        smsBrandname: { url: smsBrandname.url, apiKey: smsBrandname.apiKey, secretKey: smsBrandname.secretKey, brandname: 'UBND-TINH' },
        // The demo provinces' applicants are taken to have agreed to status messages.
        consent: { provinces: Object.fromEntries(DEMO_PROVINCES.map((p) => [p.province, true])) },
      },
    },
    async close() {
      await Promise.all([nationalProcedures.close(), documentExchange.close(), nationalPortal.close(), zaloZns.close(), smsBrandname.close(), ...provinces.map((p) => p.close())]);
      rmSync(pkiDir, { recursive: true, force: true });
    },
  };
}
