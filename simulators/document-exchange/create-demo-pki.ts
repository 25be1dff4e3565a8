import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { AxisSystem } from './types';

/** One connected system's demo signing identity, PEM. */
export interface DemoIdentity {
  /** PKCS#8, unencrypted. */
  keyPem: string;
  /** The system's certificate followed by the demo CA's. */
  certificatePem: string;
}

/** A demo PKI made at start: one CA and an identity per system, nothing kept on disk unless the caller writes it. */
export interface DemoPki {
  /** The demo CA's certificate: what a gateway trusts to verify what the demo systems sign. */
  caPem: string;
  /** The demo CA's CRL (PEM), revoking nothing, valid a week: so a gateway can check revocation as in a closed network. */
  crlPem: string;
  /** By `systemId`. */
  identities: Map<string, DemoIdentity>;
}

const RSA: RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const YEAR = 365 * 24 * 3600_000;

/**
 * Makes the demo's PKI with pkijs and WebCrypto: a self-signed "demo specialised CA" and,
 * per system, an organisation certificate naming its agency (O = the system's name,
 * OU = its organ id), valid for a year. For the demo and the bench only: a real axis'
 * systems hold keys the specialised CA issued on USB tokens.
 */
export async function createDemoPki(systems: readonly AxisSystem[]): Promise<DemoPki> {
  const caKeys = await generate();
  const caName = nameOf([['2.5.4.6', 'VN'], ['2.5.4.10', 'lienthong demo'], ['2.5.4.3', 'Demo specialised CA (not for real use)']]);
  const ca = await certificate({ subject: caName, issuer: caName, keys: caKeys, signer: caKeys.privateKey, isCa: true });
  const identities = new Map<string, DemoIdentity>();
  for (const system of systems) {
    const keys = await generate();
    const subject = nameOf([['2.5.4.6', 'VN'], ['2.5.4.10', system.name], ['2.5.4.11', system.agencyCode], ['2.5.4.3', system.name]]);
    const leaf = await certificate({ subject, issuer: caName, keys, signer: caKeys.privateKey, isCa: false });
    identities.set(system.systemId, {
      keyPem: pem(Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), 'PRIVATE KEY'),
      certificatePem: pem(leaf, 'CERTIFICATE') + pem(ca, 'CERTIFICATE'),
    });
  }
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: caName,
    thisUpdate: new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: new Date(Date.now() - 60_000) }),
    nextUpdate: new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: new Date(Date.now() + YEAR / 52) }),
  });
  await crl.sign(caKeys.privateKey, 'SHA-256');
  return { caPem: pem(ca, 'CERTIFICATE'), crlPem: pem(Buffer.from(crl.toSchema(true).toBER(false)), 'X509 CRL'), identities };
}

async function generate(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function certificate({ subject, issuer, keys, signer, isCa }: { subject: pkijs.RelativeDistinguishedNames; issuer: pkijs.RelativeDistinguishedNames; keys: CryptoKeyPair; signer: CryptoKey; isCa: boolean }): Promise<Buffer> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: Uint8Array.from([0x10, ...webcrypto.getRandomValues(new Uint8Array(11))]).buffer });
  cert.subject = subject;
  cert.issuer = issuer;
  cert.notBefore.value = new Date(Date.now() - 3600_000);
  cert.notAfter.value = new Date(Date.now() + (isCa ? 10 : 1) * YEAR);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  const keyId = createHash('sha1').update(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
  cert.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: new pkijs.BasicConstraints({ cA: isCa }).toSchema().toBER(false) }),
    // keyCertSign | cRLSign for the CA; digitalSignature | nonRepudiation for a system.
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: new asn1js.BitString({ valueHex: Uint8Array.from([isCa ? 0x06 : 0xc0]).buffer, unusedBits: isCa ? 1 : 6 }).toBER(false) }),
    new pkijs.Extension({ extnID: '2.5.29.14', critical: false, extnValue: new asn1js.OctetString({ valueHex: Uint8Array.from(keyId).buffer }).toBER(false) }),
  ];
  await cert.sign(signer, 'SHA-256');
  return Buffer.from(cert.toSchema(true).toBER(false));
}

/** One attribute per RDN, as CAs write names. */
function nameOf(attributes: Array<[string, string]>): pkijs.RelativeDistinguishedNames {
  const sets = attributes.map(
    ([type, value]) => new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value: type === '2.5.4.6' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }) }).toSchema()] }),
  );
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: sets }).toBER(false));
}

function pem(der: Buffer, label: string): string {
  return `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;
}
