import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { seal, unseal, type DataKeyring } from '../seal';

const KEY = randomBytes(32);
const ring: DataKeyring = { activeKeyId: 'k1', keys: new Map([['k1', KEY]]) };
const TEXT = JSON.stringify({ applicant: { name: 'Nguyễn Thị Hồng Nhung', idNumber: '038190012345' }, summary: 'Cấp giấy phép xây dựng' });

/** A record in the first layout, built here by hand: format 1, key id, IV, tag, AES-256-GCM of the deflated text. */
function sealedInFormat1(text: string, binding: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  cipher.setAAD(Buffer.from(binding, 'utf8'));
  const body = Buffer.concat([cipher.update(deflateRawSync(Buffer.from(text, 'utf8'))), cipher.final()]);
  return Buffer.concat([Buffer.from([1, 2]), Buffer.from('k1'), iv, cipher.getAuthTag(), body]);
}

describe('sealing a record', () => {
  it('opens what it sealed, under the binding it was sealed for, and shows none of the text in the bytes', () => {
    const { keyId, sealed } = seal(TEXT, 'H56.1', ring);
    expect(keyId).toBe('k1');
    expect(sealed[0]).toBe(2);
    expect(sealed.includes(Buffer.from('Nguyễn Thị Hồng Nhung', 'utf8'))).toBe(false);
    expect(sealed.includes(Buffer.from('038190012345'))).toBe(false);
    expect(unseal(sealed, 'H56.1', ring)).toBe(TEXT);
  });

  it('still opens records sealed deflated (format 1), as stores written before keep them', () => {
    expect(unseal(sealedInFormat1(TEXT, 'H56.2'), 'H56.2', ring)).toBe(TEXT);
  });

  it('refuses a changed byte, another record\'s binding, and an unknown format with STORE_UNAVAILABLE', () => {
    const { sealed } = seal(TEXT, 'H56.3', ring);
    const changed = Buffer.from(sealed);
    changed[changed.length - 1]! ^= 1;
    const unknown = Buffer.from(sealed);
    unknown[0] = 9;
    for (const [bytes, binding] of [[changed, 'H56.3'], [sealed, 'H56.4'], [unknown, 'H56.3']] as const) {
      expect(() => unseal(bytes, binding, ring)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'STORE_UNAVAILABLE' }) }));
    }
  });
});
