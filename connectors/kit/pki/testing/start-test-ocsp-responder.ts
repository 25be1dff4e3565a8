import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { TestCa, TestPki } from './create-test-pki';

export interface TestOcspResponder {
  url: string;
  /** Requests answered so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export interface TestOcspOptions {
  /** Serial numbers (upper-case hex) answered as revoked, with when. */
  revoked?: Record<string, Date>;
  /** Serial numbers answered as unknown; every other one is good. */
  unknown?: string[];
  /** Who signs the answers. @default the intermediate (the issuing CA answering for itself) */
  signer?: TestCa;
  /** Answer every request with this HTTP status instead. */
  httpStatus?: number;
}

/** An OCSP responder (RFC 6960) on loopback for the test PKI, answering with pkijs-signed basic responses. */
export async function startTestOcspResponder(pki: TestPki, { revoked = {}, unknown = [], signer = pki.intermediate, httpStatus }: TestOcspOptions = {}): Promise<TestOcspResponder> {
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests += 1;
      if (httpStatus) {
        res.writeHead(httpStatus).end();
        return;
      }
      answer(Buffer.concat(chunks)).then(
        (body) => res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(body),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
  });

  async function answer(body: Buffer): Promise<Buffer> {
    const request = pkijs.OCSPRequest.fromBER(Uint8Array.from(body));
    const signerCertificate = pkijs.Certificate.fromBER(signer.certificate);
    const basic = new pkijs.BasicOCSPResponse();
    basic.tbsResponseData.responderID = signerCertificate.subject;
    basic.tbsResponseData.producedAt = new Date();
    for (const { reqCert } of request.tbsRequest.requestList) {
      const serial = Buffer.from(reqCert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase().replace(/^(00)+/, '');
      const revokedAt = revoked[serial];
      const certStatus = revokedAt
        ? new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [new asn1js.GeneralizedTime({ valueDate: revokedAt })] })
        : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: unknown.includes(serial) ? 2 : 0 }, lenBlockLength: 1 } as never);
      basic.tbsResponseData.responses.push(new pkijs.SingleResponse({ certID: reqCert, certStatus, thisUpdate: new Date(Date.now() - 60_000), nextUpdate: new Date(Date.now() + 3600_000) }));
    }
    basic.certs = [signerCertificate];
    await basic.sign(signer.keys.privateKey, 'SHA-256');
    const response = new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({ responseType: '1.3.6.1.5.5.7.48.1.1', response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }) }),
    });
    return Buffer.from(response.toSchema().toBER(false));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ocsp`,
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
