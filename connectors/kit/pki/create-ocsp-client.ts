import * as pkijs from 'pkijs';
import { createHttpClient } from '../http-client';
import type { OcspAnswer, OcspQuery } from './check-revocation';
import type { Der } from './read-der-blocks';

export interface OcspQueryOptions {
  /** The responder's URL (a closed network's own, or the CA's). */
  url: string;
  /** @default 5000 */
  timeoutMs?: number;
  /** Trust anchors for the responder's own certificate (the trust store's). */
  anchors: readonly pkijs.Certificate[];
  /** How far a response's thisUpdate may be ahead of our clock, and its nextUpdate behind, in ms. @default 300000 */
  toleranceMs?: number;
}

export interface OcspClient {
  query: OcspQuery;
  close(): Promise<void>;
}

const SUCCESSFUL = 0;
const GOOD = 0;
const REVOKED = 1;

/**
 * Asks an OCSP responder (RFC 6960) over HTTP POST with the kit's HTTP client: one
 * request per certificate (SHA-256 CertID), the response's signature checked by pkijs
 * (`BasicOCSPResponse.verify`: signed by the issuing CA itself, or by a responder the CA
 * delegated with id-kp-OCSPSigning), its single response for this certificate read, and
 * its thisUpdate / nextUpdate checked against our clock. Every failure, of the network
 * or of the answer, is an UNKNOWN answer with the reason, never a thrown error.
 */
export function createOcspClient({ url, timeoutMs = 5000, anchors, toleranceMs = 300_000 }: OcspQueryOptions): OcspClient {
  const target = new URL(url);
  const http = createHttpClient({ source: 'ocsp', baseUrl: target.origin, timeoutMs, connections: 2, maxResponseBytes: 1024 * 1024 });

  async function query(certificateDer: Der, issuerDer: Der): Promise<OcspAnswer> {
    try {
      const certificate = pkijs.Certificate.fromBER(certificateDer);
      const issuer = pkijs.Certificate.fromBER(issuerDer);
      const request = new pkijs.OCSPRequest();
      await request.createForCertificate(certificate, { hashAlgorithm: 'SHA-256', issuerCertificate: issuer });
      const res = await http.request({
        method: 'POST',
        path: target.pathname + target.search,
        headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
        body: Buffer.from(request.toSchema(true).toBER(false)),
      });
      if (res.status !== 200) return { status: 'UNKNOWN', reason: `the OCSP responder answered HTTP ${res.status}` };
      const response = pkijs.OCSPResponse.fromBER(Uint8Array.from(res.body));
      const responseStatus = response.responseStatus.valueBlock.valueDec;
      if (responseStatus !== SUCCESSFUL || !response.responseBytes) return { status: 'UNKNOWN', reason: `the OCSP responder answered status ${responseStatus}` };
      const basic = pkijs.BasicOCSPResponse.fromBER(Uint8Array.from(response.responseBytes.response.valueBlock.valueHexView));
      if (!(await basic.verify({ trustedCerts: [...anchors], issuerCerts: [issuer] }))) return { status: 'UNKNOWN', reason: "the OCSP response's signature does not verify" };
      const status = await basic.getCertificateStatus(certificate, issuer);
      if (!status.isForCertificate) return { status: 'UNKNOWN', reason: 'the OCSP response is not about this certificate' };
      const single = await findSingleResponse(basic, certificate, issuer);
      const now = Date.now();
      if (single && single.thisUpdate.getTime() > now + toleranceMs) return { status: 'UNKNOWN', reason: `the OCSP response is dated in the future (${single.thisUpdate.toISOString()})` };
      if (single?.nextUpdate && single.nextUpdate.getTime() + toleranceMs < now) return { status: 'UNKNOWN', reason: `the OCSP response is stale (nextUpdate ${single.nextUpdate.toISOString()})` };
      if (status.status === GOOD) return { status: 'GOOD' };
      if (status.status === REVOKED && single?.revokedAt) return { status: 'REVOKED', revokedAt: single.revokedAt, ...(single.reason !== undefined && { reason: single.reason }) };
      return { status: 'UNKNOWN', reason: 'the OCSP responder does not know the certificate' };
    } catch (error) {
      return { status: 'UNKNOWN', reason: (error as Error).message };
    }
  }

  return { query, close: () => http.close() };
}

interface SingleFacts {
  thisUpdate: Date;
  nextUpdate?: Date;
  revokedAt?: Date;
  reason?: number;
}

/** The times of the SingleResponse about this certificate, and the revocation time and reason when it is revoked. */
async function findSingleResponse(basic: pkijs.BasicOCSPResponse, certificate: pkijs.Certificate, issuer: pkijs.Certificate): Promise<SingleFacts | null> {
  for (const single of basic.tbsResponseData.responses) {
    const id = new pkijs.CertID();
    await id.createForCertificate(certificate, { hashAlgorithm: 'SHA-256', issuerCertificate: issuer });
    if (!single.certID.serialNumber.isEqual(id.serialNumber)) continue;
    // certStatus revoked is [1] RevokedInfo { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }.
    const status = single.certStatus as { idBlock?: { tagNumber?: number }; valueBlock?: { value?: Array<{ toDate?: () => Date; valueBlock?: { value?: Array<{ valueBlock?: { valueDec?: number } }> } }> } };
    const revoked = status.idBlock?.tagNumber === 1 ? status.valueBlock?.value : undefined;
    return {
      thisUpdate: single.thisUpdate,
      ...(single.nextUpdate && { nextUpdate: single.nextUpdate }),
      ...(revoked?.[0]?.toDate && { revokedAt: revoked[0].toDate() }),
      ...(revoked?.[1]?.valueBlock?.value?.[0]?.valueBlock?.valueDec !== undefined && { reason: revoked[1].valueBlock.value[0].valueBlock.valueDec }),
    };
  }
  return null;
}
