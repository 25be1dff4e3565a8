import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { GatewayError } from '../errors';

/**
 * The keys that seal personal data at rest. Every record is sealed under the active key
 * and names its key, so a rotation adds a key, makes it active and re-seals (`reseal`)
 * while older records stay readable.
 */
export interface DataKeyring {
  readonly activeKeyId: string;
  /** Key id → 32-byte AES-256 key. */
  readonly keys: ReadonlyMap<string, Buffer>;
}

/**
 * 2: the UTF-8 text sealed as it is. 1 (still read): deflated first. Compression halved the
 * bytes (2.5 KB → 1.1 KB a dossier) but cost more than the cipher: Node makes a zlib
 * stream per call, so opening a record took 55 µs instead of 10, a page of 50 dossiers
 * 2.3 ms of its 7, and sealing 97 µs instead of 16 during a province's first read.
 */
const FORMAT = 2;
const DEFLATED = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Checks a keyring once at start: ids well-formed, every key 32 bytes, the active one present. */
export function checkKeyring(keyring: DataKeyring): DataKeyring {
  for (const [id, key] of keyring.keys) {
    if (!KEY_ID.test(id)) throw new GatewayError('CONFIG_INVALID', `data key id ${JSON.stringify(id)} must be 1–64 letters, digits, ".", "_" or "-"`);
    if (key.length !== 32) throw new GatewayError('CONFIG_INVALID', `data key ${id} must be 32 bytes (AES-256); got ${key.length}`);
  }
  if (!keyring.keys.has(keyring.activeKeyId)) {
    throw new GatewayError('CONFIG_INVALID', `the active data key ${JSON.stringify(keyring.activeKeyId)} is not among the keys (${[...keyring.keys.keys()].join(', ') || 'none'})`);
  }
  return keyring;
}

/**
 * The keyring, or CONFIG_INVALID when the store was opened without one: personal data is
 * only ever stored sealed, so without a key the store keeps no dossiers.
 */
export function requireDataKeyring(keyring: DataKeyring | undefined): DataKeyring {
  if (!keyring) throw new GatewayError('CONFIG_INVALID', 'the store has no data key, so it cannot keep dossiers (personal data is only ever stored encrypted); configure store.dataKeys');
  return keyring;
}

/**
 * Seals `plaintext` with AES-256-GCM under the active key: a fresh 96-bit IV per record, and `binding` (the record's key, e.g. the dossier code) as
 * additional authenticated data, so a sealed value moved to another row does not open.
 * Layout: format byte, key id length, key id, IV, tag, ciphertext.
 */
export function seal(plaintext: string, binding: string, keyring: DataKeyring): { keyId: string; sealed: Buffer } {
  const keyId = keyring.activeKeyId;
  const key = keyring.keys.get(keyId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(binding, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const id = Buffer.from(keyId, 'utf8');
  return { keyId, sealed: Buffer.concat([Buffer.from([FORMAT, id.length]), id, iv, cipher.getAuthTag(), body]) };
}

/**
 * Opens what `seal` made, with the key it names. A value sealed for another binding, a
 * changed byte, or a key no longer in the ring rejects with STORE_UNAVAILABLE (the data
 * cannot be read, which is the store's failure to report, never a value to guess).
 */
/** The errors `unseal` threw: a sealed value that does not open, as against a store that could not be read. */
const unsealFailures = new WeakSet<object>();

/** Whether `err` is `unseal`'s STORE_UNAVAILABLE (unknown format, key not configured, integrity check failed): the record's fault, not the store's. */
export function isUnsealFailure(err: unknown): boolean {
  return typeof err === 'object' && err !== null && unsealFailures.has(err);
}

function unsealFailure(message: string): GatewayError {
  const error = new GatewayError('STORE_UNAVAILABLE', message);
  unsealFailures.add(error);
  return error;
}

export function unseal(sealed: Uint8Array, binding: string, keyring: DataKeyring): string {
  const buffer = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const idLength = buffer[1] ?? 0;
  const format = buffer[0];
  if ((format !== FORMAT && format !== DEFLATED) || buffer.length < 2 + idLength + IV_BYTES + TAG_BYTES) {
    throw unsealFailure(`sealed record of ${binding} is not in a known format`);
  }
  const keyId = buffer.subarray(2, 2 + idLength).toString('utf8');
  const key = keyring.keys.get(keyId);
  if (!key) throw unsealFailure(`record of ${binding} is sealed under data key ${JSON.stringify(keyId)}, which is not configured`);
  const ivStart = 2 + idLength;
  const decipher = createDecipheriv('aes-256-gcm', key, buffer.subarray(ivStart, ivStart + IV_BYTES));
  decipher.setAAD(Buffer.from(binding, 'utf8'));
  decipher.setAuthTag(buffer.subarray(ivStart + IV_BYTES, ivStart + IV_BYTES + TAG_BYTES));
  try {
    const opened = Buffer.concat([decipher.update(buffer.subarray(ivStart + IV_BYTES + TAG_BYTES)), decipher.final()]);
    return (format === DEFLATED ? inflateRawSync(opened) : opened).toString('utf8');
  } catch {
    throw unsealFailure(`sealed record of ${binding} failed its integrity check (changed, or sealed for another record)`);
  }
}
