import { createHash, createPrivateKey, webcrypto, type KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import type { SigningKey } from '../load-signing-key';
import type { TrustMaterial } from '../load-trust-material';
import type { Der } from '../read-der-blocks';

const RSA: RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const ECDSA: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const DAY = 24 * 3600_000;

/** A certification authority of the test PKI. */
export interface TestCa {
  name: string;
  certificate: Der;
  pem: string;
  keys: CryptoKeyPair;
}

/** A signer of the test PKI: an agency's (or an officer's) certificate and key. */
export interface TestIdentity {
  certificate: Der;
  certificatePem: string;
  /** The CA certificates above it, nearest first, without the root. */
  chain: Der[];
  privateKey: KeyObject;
  privateKeyPem: string;
  /** What signers take (`loadSigningKey` gives the same shape). */
  signingKey: SigningKey;
  /** Upper-case hex, as describeCertificate reports it. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** The key, its certificate and its chain as PKCS#12 (RSA keys only). */
  pkcs12(password: string): Buffer;
}

export interface IssueOptions {
  /** Subject CN. @default the organisation */
  commonName?: string;
  /** Subject O. */
  organisation: string;
  /** The agency's organ id, written as the subject's OU (our reading of how agency certificates carry it). */
  organId?: string;
  /** @default 'RSA' */
  keyAlgorithm?: 'RSA' | 'ECDSA';
  /** RSA modulus length. @default 2048 */
  rsaBits?: number;
  /** @default an hour ago */
  notBefore?: Date;
  /** @default in a year */
  notAfter?: Date;
  /** @default 'intermediate' */
  issuer?: 'intermediate' | 'unknown-root';
}

export interface CrlEntry {
  /** Upper-case hex, as TestIdentity.serialNumber. */
  serialNumber: string;
  revokedAt: Date;
  /** CRLReason code (RFC 5280 §5.3.1), e.g. 1 keyCompromise. */
  reason?: number;
}

/** The test PKI: a trusted root and intermediate, an unknown root, and signers valid, expired, revoked and untrusted. */
export interface TestPki {
  root: TestCa;
  /** Issued by root; issues every signer except `stranger`; its CRL lists `revoked`. */
  intermediate: TestCa;
  /** A root nobody configured. */
  unknownRoot: TestCa;
  /** UBND Tỉnh Nghệ An (000.00.00.H41), valid now. */
  agency: TestIdentity;
  /** Văn phòng Chính phủ (000.00.00.G22), valid now. */
  government: TestIdentity;
  /** Nghệ An, valid from 2020-01-01 to 2021-01-01 only. */
  expired: TestIdentity;
  /** Nghệ An, revoked in the intermediate's CRL an hour ago. */
  revoked: TestIdentity;
  /** Nghệ An, issued under `unknownRoot`. */
  stranger: TestIdentity;
  /** The intermediate's CRL (DER), listing `revoked`. */
  crl: Der;
  /** The root's CRL (DER), listing nothing: it covers the intermediate. */
  rootCrl: Der;
  /** Root and intermediate certificates and both CRLs: what `trust` would load. */
  trustMaterial: TrustMaterial;
  /** Issues another signer. */
  issue(options: IssueOptions): Promise<TestIdentity>;
  /** Makes a CRL of the intermediate (or of the root) listing these certificates. */
  issueCrl(entries: CrlEntry[], options?: { thisUpdate?: Date; nextUpdate?: Date; issuer?: 'intermediate' | 'root' }): Promise<Der>;
  /** Writes the CA certificates (`ca.pem`) and the CRLs (`crls/intermediate.crl` DER, `crls/root.crl` PEM) into `dir`, for config files. */
  writeTrustFiles(dir: string): { caFile: string; crlDir: string };
}

let shared: Promise<TestPki> | undefined;

/** The test PKI, made once per test file (key generation takes a moment). Nothing of it is stored in the repository. */
export function getTestPki(): Promise<TestPki> {
  return (shared ??= createTestPki());
}

/** Makes a fresh test PKI at test time with pkijs: every key generated, every certificate and CRL signed now. */
export async function createTestPki(): Promise<TestPki> {
  const root = await createCa('Lienthong Test Root CA', RSA);
  const intermediate = await createCa('Lienthong Test Issuing CA', RSA, root);
  const unknownRoot = await createCa('Unknown Root CA', RSA);

  async function issue({ commonName, organisation, organId, keyAlgorithm = 'RSA', rsaBits = 2048, notBefore = new Date(Date.now() - 3600_000), notAfter = new Date(Date.now() + 365 * DAY), issuer = 'intermediate' }: IssueOptions): Promise<TestIdentity> {
    const ca = issuer === 'intermediate' ? intermediate : unknownRoot;
    const keys = (await webcrypto.subtle.generateKey(keyAlgorithm === 'RSA' ? { ...RSA, modulusLength: rsaBits } : ECDSA, true, ['sign', 'verify'])) as CryptoKeyPair;
    const subject: Array<[string, string]> = [['2.5.4.6', 'VN'], ['2.5.4.10', organisation], ...(organId ? [['2.5.4.11', organId] as [string, string]] : []), ['2.5.4.3', commonName ?? organisation]];
    const serialNumber = randomSerial();
    const certificate = await makeCertificate({ subject, serialNumber, notBefore, notAfter, keys, issuer: ca, ca: false });
    const privateKeyPem = toPem(Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), 'PRIVATE KEY');
    const privateKey = createPrivateKey(privateKeyPem);
    const chain = issuer === 'intermediate' ? [intermediate.certificate] : [];
    return {
      certificate,
      certificatePem: toPem(Buffer.from(certificate), 'CERTIFICATE'),
      chain,
      privateKey,
      privateKeyPem,
      signingKey: { privateKey, certificate, chain, hash: 'sha256' },
      serialNumber: serialNumber.toString('hex').toUpperCase(),
      notBefore,
      notAfter,
      pkcs12(password) {
        const forgeKey = forge.pki.privateKeyFromPem(privateKeyPem);
        const forgeCerts = [certificate, ...chain].map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(der).toString('binary'))));
        const asn1 = forge.pkcs12.toPkcs12Asn1(forgeKey, forgeCerts, password, { algorithm: '3des' });
        return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
      },
    };
  }

  async function issueCrl(entries: CrlEntry[], { thisUpdate = new Date(Date.now() - 60_000), nextUpdate = new Date(Date.now() + 7 * DAY), issuer: by = 'intermediate' as 'intermediate' | 'root' } = {}): Promise<Der> {
    const ca = by === 'root' ? root : intermediate;
    const issuer = pkijs.Certificate.fromBER(ca.certificate);
    const crl = new pkijs.CertificateRevocationList({
      version: 1,
      issuer: issuer.subject,
      thisUpdate: new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: thisUpdate }),
      nextUpdate: new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: nextUpdate }),
      revokedCertificates: entries.map(
        ({ serialNumber, revokedAt, reason }) =>
          new pkijs.RevokedCertificate({
            userCertificate: new asn1js.Integer({ valueHex: Uint8Array.from(Buffer.from(serialNumber, 'hex')).buffer }),
            revocationDate: new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: revokedAt }),
            ...(reason !== undefined && {
              crlEntryExtensions: new pkijs.Extensions({
                extensions: [new pkijs.Extension({ extnID: '2.5.29.21', critical: false, extnValue: new asn1js.Enumerated({ value: reason }).toBER(false) })],
              }),
            }),
          }),
      ),
    });
    await crl.sign(ca.keys.privateKey, 'SHA-256');
    return new Uint8Array(crl.toSchema(true).toBER(false));
  }

  const nghean = { organisation: 'UBND Tỉnh Nghệ An', organId: '000.00.00.H41' };
  const agency = await issue({ ...nghean, commonName: 'Văn thư UBND Tỉnh Nghệ An' });
  const government = await issue({ organisation: 'Văn phòng Chính phủ', organId: '000.00.00.G22' });
  const expired = await issue({ ...nghean, notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') });
  const revoked = await issue(nghean);
  const stranger = await issue({ ...nghean, issuer: 'unknown-root' });
  const crl = await issueCrl([{ serialNumber: revoked.serialNumber, revokedAt: new Date(Date.now() - 3600_000) }]);
  const rootCrl = await issueCrl([], { issuer: 'root' });

  return {
    root,
    intermediate,
    unknownRoot,
    agency,
    government,
    expired,
    revoked,
    stranger,
    crl,
    rootCrl,
    trustMaterial: { certificates: [root.certificate, intermediate.certificate], crls: [crl, rootCrl] },
    issue,
    issueCrl,
    writeTrustFiles(dir) {
      mkdirSync(dir, { recursive: true });
      const caFile = path.join(dir, 'ca.pem');
      const crlDir = path.join(dir, 'crls');
      mkdirSync(crlDir, { recursive: true });
      writeFileSync(caFile, `${root.pem}${intermediate.pem}`);
      writeFileSync(path.join(crlDir, 'intermediate.crl'), crl);
      writeFileSync(path.join(crlDir, 'root.crl'), toPem(Buffer.from(rootCrl), 'X509 CRL'));
      return { caFile, crlDir };
    },
  };
}

interface CertificateSpec {
  subject: Array<[string, string]>;
  serialNumber: Buffer;
  notBefore: Date;
  notAfter: Date;
  keys: CryptoKeyPair;
  /** The CA that signs it; none for a self-signed root. */
  issuer?: TestCa;
  ca: boolean;
}

async function createCa(name: string, algorithm: RsaHashedKeyGenParams | EcKeyGenParams, parent?: TestCa): Promise<TestCa> {
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await makeCertificate({
    subject: [['2.5.4.6', 'VN'], ['2.5.4.10', 'Lienthong test PKI'], ['2.5.4.3', name]],
    serialNumber: randomSerial(),
    notBefore: new Date(Date.now() - 10 * 365 * DAY),
    notAfter: new Date(Date.now() + 10 * 365 * DAY),
    keys,
    issuer: parent,
    ca: true,
  });
  return { name, certificate, pem: toPem(Buffer.from(certificate), 'CERTIFICATE'), keys };
}

async function makeCertificate({ subject, serialNumber, notBefore, notAfter, keys, issuer, ca }: CertificateSpec): Promise<Der> {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ valueHex: Uint8Array.from(serialNumber).buffer });
  certificate.subject = nameOf(subject);
  certificate.issuer = issuer ? pkijs.Certificate.fromBER(issuer.certificate).subject : certificate.subject;
  certificate.notBefore.value = notBefore;
  certificate.notAfter.value = notAfter;
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  const ownKeyId = keyIdOf(certificate.subjectPublicKeyInfo);
  const issuerKeyId = issuer ? keyIdOf(pkijs.Certificate.fromBER(issuer.certificate).subjectPublicKeyInfo) : ownKeyId;
  // keyCertSign | cRLSign for a CA (bits 5, 6); digitalSignature | nonRepudiation for a signer (bits 0, 1).
  const usage = ca ? new Uint8Array([0x06]) : new Uint8Array([0xc0]);
  certificate.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: new pkijs.BasicConstraints({ cA: ca }).toSchema().toBER(false) }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: new asn1js.BitString({ valueHex: usage.buffer, unusedBits: ca ? 1 : 6 }).toBER(false) }),
    new pkijs.Extension({ extnID: '2.5.29.14', critical: false, extnValue: new asn1js.OctetString({ valueHex: ownKeyId }).toBER(false) }),
    new pkijs.Extension({ extnID: '2.5.29.35', critical: false, extnValue: new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: issuerKeyId }) }).toSchema().toBER(false) }),
  ];
  await certificate.sign((issuer?.keys ?? keys).privateKey, 'SHA-256');
  return new Uint8Array(certificate.toSchema(true).toBER(false));
}

/** A distinguished name with one attribute per RDN, as CAs write them (pkijs alone would make one multi-valued RDN). */
function nameOf(attributes: Array<[string, string]>): pkijs.RelativeDistinguishedNames {
  const sets = attributes.map(
    ([type, value]) => new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value: type === '2.5.4.6' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }) }).toSchema()] }),
  );
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: sets }).toBER(false));
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdOf(info: pkijs.PublicKeyInfo): ArrayBuffer {
  return Uint8Array.from(createHash('sha1').update(info.subjectPublicKey.valueBlock.valueHexView).digest()).buffer;
}

function randomSerial(): Buffer {
  const bytes = Buffer.from(webcrypto.getRandomValues(new Uint8Array(12)));
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes;
}

function toPem(der: Buffer, label: string): string {
  return `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;
}
