import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { GatewayError } from '../../../src/errors';
import { readDerBlocks, type Der } from './read-der-blocks';

/** Where a signing key is: a PKCS#12 file, or a PEM key and a PEM certificate (chain). */
export interface SigningKeyOptions {
  /** A PKCS#12 (.p12/.pfx) file holding the key, its certificate and usually the CA chain. */
  pkcs12?: string;
  /** A PEM private key file (PKCS#8, PKCS#1 or SEC1, encrypted or not). */
  key?: string;
  /** A PEM file of the key's certificate, optionally followed by the CA certificates above it. */
  certificate?: string;
  /** The PKCS#12 or PEM key password; give it from the environment (`${NAME}` in the config). */
  password?: string;
}

/** A private key ready to sign with, and the certificates that go with its signatures. */
export interface SigningKey {
  privateKey: KeyObject;
  /** The key's certificate (DER). */
  certificate: Der;
  /** CA certificates above it (DER), nearest first; sent beside the signature to help recipients build the path. */
  chain: Der[];
  /** `sha256`, or `sha384` / `sha512` for an EC key on P-384 / P-521: the hash its signatures use. */
  hash: 'sha256' | 'sha384' | 'sha512';
}

/**
 * Loads a signing key at start-up from a PKCS#12 file or PEM files, finds the certificate
 * whose public key is the key's, orders the rest as its chain, and refuses what would
 * only produce signatures nobody can accept: an RSA key under 2048 bits, a certificate
 * expired or not yet valid now. PKCS#12 files are read with node-forge, which reads RSA
 * keys only (the tokens of the specialised CA issue RSA); an EC key is given as PEM.
 * @throws GatewayError CONFIG_INVALID naming `what`, the file and the reason (never the password).
 */
export function loadSigningKey(options: SigningKeyOptions, what: string): SigningKey {
  try {
    const { privateKey, certificates } = options.pkcs12 !== undefined ? readPkcs12(options.pkcs12, options.password) : readPem(options);
    return assemble(privateKey, certificates);
  } catch (error) {
    throw new GatewayError('CONFIG_INVALID', `${what}: ${(error as Error).message}`);
  }
}

function readPkcs12(file: string, password = ''): { privateKey: KeyObject; certificates: Der[] } {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(readFileSync(file).toString('binary')), false, password);
  } catch (error) {
    throw new Error(`${file} cannot be opened as PKCS#12 (wrong password, or not a PKCS#12 file): ${(error as Error).message}`);
  }
  const bagsOf = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const key = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(forge.pki.oids.keyBag!)].find((bag) => bag.key)?.key;
  if (!key) throw new Error(`${file} holds no private key that can be read (an EC key in PKCS#12 is not supported: give it as PEM)`);
  const certificates = bagsOf(forge.pki.oids.certBag!)
    .filter((bag) => bag.cert)
    .map((bag) => Uint8Array.from(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert!)).getBytes(), 'binary')));
  return { privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)), certificates };
}

function readPem({ key, certificate, password }: SigningKeyOptions): { privateKey: KeyObject; certificates: Der[] } {
  if (key === undefined || certificate === undefined) throw new Error('give either pkcs12, or both key and certificate');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: readFileSync(key), passphrase: password });
  } catch (error) {
    throw new Error(`${key} cannot be read as a private key (wrong password, or not a PEM key): ${(error as Error).message}`);
  }
  return { privateKey, certificates: readDerBlocks(readFileSync(certificate), 'certificate', certificate) };
}

function assemble(privateKey: KeyObject, certificates: Der[]): SigningKey {
  const parsed = certificates.map((der) => ({ der, x509: new X509Certificate(der) }));
  const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });
  const publicKey = spki(createPublicKey(privateKey));
  const own = parsed.find((c) => spki(c.x509.publicKey).equals(publicKey));
  if (!own) throw new Error(`none of the ${parsed.length} certificates given is the private key's own`);
  const now = Date.now();
  if (Date.parse(own.x509.validTo) < now) throw new Error(`the signing certificate (${own.x509.subject.replace(/\n/g, ', ')}) expired on ${new Date(own.x509.validTo).toISOString()}`);
  if (Date.parse(own.x509.validFrom) > now) throw new Error(`the signing certificate is not valid before ${new Date(own.x509.validFrom).toISOString()}`);
  const details = privateKey.asymmetricKeyDetails ?? {};
  if (privateKey.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) < 2048) throw new Error(`the RSA key has ${details.modulusLength} bits; at least 2048 are needed`);
  if (privateKey.asymmetricKeyType !== 'rsa' && privateKey.asymmetricKeyType !== 'ec') throw new Error(`a ${privateKey.asymmetricKeyType} key cannot sign edXML; use RSA or EC`);

  const chain: Der[] = [];
  let current = own.x509;
  const rest = parsed.filter((c) => c !== own);
  for (let next = rest.find((c) => current.checkIssued(c.x509)); next && !chain.includes(next.der); next = rest.find((c) => current.checkIssued(c.x509))) {
    chain.push(next.der);
    if (next.x509.checkIssued(next.x509)) break;
    current = next.x509;
  }
  const curve = details.namedCurve;
  const hash = curve === 'secp384r1' ? 'sha384' : curve === 'secp521r1' ? 'sha512' : 'sha256';
  return { privateKey, certificate: own.der, chain, hash };
}
