import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSigningKey, loadTrustMaterial } from '..';
import { getTestPki, type TestPki } from '../testing/create-test-pki';

describe('reading trust stores and signing keys from files', () => {
  let pki: TestPki;
  let dir: string;
  const file = (name: string, content: string | Uint8Array): string => {
    const target = path.join(dir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    return target;
  };
  beforeAll(async () => {
    pki = await getTestPki();
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lienthong-pki-files-'));
  });

  describe('loadTrustMaterial', () => {
    it('reads PEM files of several blocks, DER files and folders, skipping a key beside a certificate', () => {
      const bundle = file('bundle.pem', `Bundle of the specialised CA\n${pki.root.pem}${pki.intermediate.pem}${pki.agency.privateKeyPem}`);
      file('crls/intermediate.crl', pki.crl);
      file('crls/README.txt', 'not a CRL, and not read: only .crl, .pem and .der files are');
      const material = loadTrustMaterial({ caCertificates: [bundle], crls: [path.join(dir, 'crls')] });
      expect(material.certificates.map((c) => Buffer.from(c).toString('base64'))).toEqual([pki.root.certificate, pki.intermediate.certificate].map((c) => Buffer.from(c).toString('base64')));
      expect(material.crls.map((c) => Buffer.from(c).toString('base64'))).toEqual([Buffer.from(pki.crl).toString('base64')]);
      expect(loadTrustMaterial({ caCertificates: [file('root.der', pki.root.certificate)] }).certificates).toHaveLength(1);
    });

    it('stops start-up naming every file it cannot use, and why', () => {
      const error = (() => {
        try {
          loadTrustMaterial({ caCertificates: [path.join(dir, 'missing.pem'), file('junk.pem', 'hello'), file('key-only.pem', pki.agency.privateKeyPem)], crls: [file('empty.crl', '')] });
        } catch (e) {
          return e as Error & { extensions: { code: string } };
        }
        throw new Error('expected a failure');
      })();
      expect(error.extensions.code).toBe('CONFIG_INVALID');
      expect(error.message).toContain('missing.pem: no such file or folder');
      expect(error.message).toContain('junk.pem is neither PEM nor DER');
      expect(error.message).toContain('key-only.pem holds no CERTIFICATE block');
      expect(error.message).toContain('empty.crl is empty');
    });
  });

  describe('loadSigningKey', () => {
    it('reads a PKCS#12 file: the key, its own certificate and the chain above it', () => {
      const key = loadSigningKey({ pkcs12: file('h41.p12', pki.agency.pkcs12('mật khẩu')), password: 'mật khẩu' }, 'systems.qlvb-h41.signing');
      expect(key.privateKey.asymmetricKeyType).toBe('rsa');
      expect(key.chain).toHaveLength(1);
      expect(key.hash).toBe('sha256');
    });

    it('reads a PEM key and a PEM certificate followed by its chain', () => {
      const key = loadSigningKey({ key: file('k.pem', pki.agency.privateKeyPem), certificate: file('chain.pem', `${pki.intermediate.pem}${pki.agency.certificatePem}`) }, 'x');
      expect(Buffer.from(key.certificate).equals(Buffer.from(pki.agency.certificate))).toBe(true);
      expect(Buffer.from(key.chain[0]!).equals(Buffer.from(pki.intermediate.certificate))).toBe(true);
    });

    it('refuses a wrong password without showing it', () => {
      expect(() => loadSigningKey({ pkcs12: file('h41.p12', pki.agency.pkcs12('đúng')), password: 'sai-bí-mật' }, 'systems.qlvb-h41.signing')).toThrow(
        expect.objectContaining({ message: expect.stringMatching(/^systems.qlvb-h41.signing: .*h41.p12 cannot be opened as PKCS#12 \(wrong password/) }),
      );
      try {
        loadSigningKey({ pkcs12: file('h41.p12', pki.agency.pkcs12('đúng')), password: 'sai-bí-mật' }, 'x');
      } catch (error) {
        expect((error as Error).message).not.toContain('sai-bí-mật');
      }
    });

    it('refuses a certificate that is not the key\'s, an expired one and a weak RSA key', async () => {
      const otherKey = file('other.pem', pki.government.privateKeyPem);
      expect(() => loadSigningKey({ key: otherKey, certificate: file('c.pem', pki.agency.certificatePem) }, 'x')).toThrow(/none of the 1 certificates given is the private key's own/);
      expect(() => loadSigningKey({ key: file('e.pem', pki.expired.privateKeyPem), certificate: file('ec.pem', pki.expired.certificatePem) }, 'x')).toThrow(/expired on 2021-01-01/);
      const weak = await pki.issue({ organisation: 'UBND Tỉnh Nghệ An', rsaBits: 1024 });
      expect(() => loadSigningKey({ key: file('w.pem', weak.privateKeyPem), certificate: file('wc.pem', weak.certificatePem) }, 'x')).toThrow('x: the RSA key has 1024 bits; at least 2048 are needed');
    });

    it('refuses half a PEM pair', () => {
      expect(() => loadSigningKey({ key: file('k.pem', pki.agency.privateKeyPem) }, 'auditSigning.key')).toThrow('auditSigning.key: give either pkcs12, or both key and certificate');
    });
  });
});
