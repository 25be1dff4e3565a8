import { checkRevocation, createTrustStore, describeCertificate, validateCertificatePath, type TrustStore } from '..';
import type { Der } from '../read-der-blocks';
import { getTestPki, type TestPki } from '../testing/create-test-pki';

const HOUR = 3600_000;

describe('certificate paths against the trust store', () => {
  let pki: TestPki;
  let store: TrustStore;
  beforeAll(async () => {
    pki = await getTestPki();
    store = await createTrustStore(pki.trustMaterial);
  });

  it('takes the self-signed root as the anchor and the intermediate as a helper', () => {
    expect(store.anchors).toHaveLength(1);
    expect(store.intermediates).toHaveLength(1);
  });

  it('trusts an agency certificate issued by the intermediate, with the path leaf first and the root last', async () => {
    const result = await validateCertificatePath({ leaf: pki.agency.certificate, store, at: new Date() });
    expect(result.status).toBe('TRUSTED');
    if (result.status !== 'TRUSTED') return;
    expect(result.path.map((der) => Buffer.from(der).toString('hex'))).toEqual(
      [pki.agency.certificate, pki.intermediate.certificate, pki.root.certificate].map((der) => Buffer.from(der).toString('hex')),
    );
  });

  it('builds the path with an intermediate carried by the signature when the store lacks it', async () => {
    const rootOnly = await createTrustStore({ certificates: [pki.root.certificate], crls: [] });
    expect((await validateCertificatePath({ leaf: pki.agency.certificate, store: rootOnly, at: new Date() })).status).toBe('UNTRUSTED');
    expect((await validateCertificatePath({ leaf: pki.agency.certificate, carried: [pki.intermediate.certificate], store: rootOnly, at: new Date() })).status).toBe('TRUSTED');
  });

  it('does not trust what an intermediate issued when only the intermediate is configured', async () => {
    const intermediateOnly = await createTrustStore({ certificates: [pki.intermediate.certificate], crls: [] });
    const result = await validateCertificatePath({ leaf: pki.agency.certificate, store: intermediateOnly, at: new Date() });
    expect(result).toEqual({ status: 'UNTRUSTED', reason: 'no trusted CA certificate is configured (trust.caCertificates)' });
  });

  it('calls a certificate from an unknown root UNTRUSTED, even when it carries its own root', async () => {
    const result = await validateCertificatePath({ leaf: pki.stranger.certificate, carried: [pki.unknownRoot.certificate], store, at: new Date() });
    expect(result.status).toBe('UNTRUSTED');
    expect(result.status !== 'TRUSTED' && result.reason).toMatch(/does not chain to a trusted CA/);
  });

  it('calls a certificate EXPIRED when the signing time is after its end, and TRUSTED at a time inside its validity', async () => {
    const late = await validateCertificatePath({ leaf: pki.expired.certificate, store, at: new Date('2024-05-01T00:00:00Z') });
    expect(late).toEqual({ status: 'EXPIRED', reason: "the signer's certificate expired on 2021-01-01T00:00:00.000Z, before the signing time 2024-05-01T00:00:00.000Z" });
    expect((await validateCertificatePath({ leaf: pki.expired.certificate, store, at: new Date('2020-06-01T00:00:00Z') })).status).toBe('TRUSTED');
  });

  it('calls a signing time before the certificate existed EXPIRED, saying it was not yet valid', async () => {
    const early = await validateCertificatePath({ leaf: pki.agency.certificate, store, at: new Date(pki.agency.notBefore.getTime() - HOUR) });
    expect(early.status).toBe('EXPIRED');
    expect(early.status !== 'TRUSTED' && early.reason).toMatch(/was not yet valid/);
  });

  it('refuses a root CA certificate used as the signer', async () => {
    const result = await validateCertificatePath({ leaf: pki.root.certificate, store, at: new Date() });
    expect(result.status).toBe('UNTRUSTED');
  });

  it('names the holder: CN, O, serial number and issuer', () => {
    expect(describeCertificate(pki.agency.certificate)).toMatchObject({
      name: 'Văn thư UBND Tỉnh Nghệ An',
      organisation: 'UBND Tỉnh Nghệ An',
      serialNumber: pki.agency.serialNumber,
      issuer: 'C=VN, O=Lienthong test PKI, CN=Lienthong Test Issuing CA',
    });
    expect(describeCertificate(pki.agency.certificate).subjectValues).toEqual(expect.arrayContaining(['000.00.00.H41', 'UBND Tỉnh Nghệ An']));
  });
});

describe('revocation', () => {
  let pki: TestPki;
  let store: TrustStore;
  const now = new Date();
  beforeAll(async () => {
    pki = await getTestPki();
    store = await createTrustStore(pki.trustMaterial);
  });

  async function pathOf(certificate: Der) {
    const result = await validateCertificatePath({ leaf: certificate, store, at: now });
    if (result.status !== 'TRUSTED') throw new Error(`expected a trusted path: ${result.reason}`);
    return result.path;
  }

  it('finds a certificate the CRL lists as revoked before the signing time', async () => {
    const result = await checkRevocation({ path: await pathOf(pki.revoked.certificate), store, signedAt: now, checkedAt: now, toleranceMs: 0 });
    expect(result.status).toBe('REVOKED');
    expect(result.reason).toMatch(new RegExp(`serial ${pki.revoked.serialNumber.toLowerCase()}|serial ${pki.revoked.serialNumber}`, 'i'));
  });

  it('keeps a signature made before a revocation for another reason than compromise, noting the revocation', async () => {
    const signedAt = new Date(Date.now() - 2 * HOUR);
    const result = await checkRevocation({ path: await pathOf(pki.revoked.certificate), store, signedAt, checkedAt: now, toleranceMs: 0 });
    expect(result.status).toBe('GOOD');
    expect(result.notes.join(' ')).toMatch(/after the signing time/);
  });

  it('calls a compromised key revoked whatever signing time the signature claims', async () => {
    const crl = await pki.issueCrl([{ serialNumber: pki.agency.serialNumber, revokedAt: now, reason: 1 /* keyCompromise */ }]);
    const compromised = await createTrustStore({ certificates: pki.trustMaterial.certificates, crls: [crl] });
    const result = await checkRevocation({ path: await pathOf(pki.agency.certificate), store: compromised, signedAt: new Date(Date.now() - 30 * 24 * HOUR), checkedAt: now, toleranceMs: 0 });
    expect(result.status).toBe('REVOKED');
    expect(result.reason).toMatch(/keyCompromise/);
  });

  it('ignores a CRL whose signature is not its issuer\'s', async () => {
    const forged = Buffer.from(pki.crl);
    forged[forged.length - 5]! ^= 0xff;
    const withForged = await createTrustStore({ certificates: pki.trustMaterial.certificates, crls: [forged] });
    const result = await checkRevocation({ path: await pathOf(pki.revoked.certificate), store: withForged, signedAt: now, checkedAt: now, toleranceMs: 0 });
    expect(result.status).toBe('GOOD');
    expect(result.notes.join(' ')).toMatch(/not checked: no CRL/);
  });

  it('notes a CRL past its nextUpdate but still believes what it lists', async () => {
    const old = await pki.issueCrl([{ serialNumber: pki.revoked.serialNumber, revokedAt: new Date(Date.now() - 48 * HOUR) }], { thisUpdate: new Date(Date.now() - 40 * HOUR), nextUpdate: new Date(Date.now() - 30 * HOUR) });
    const stale = await createTrustStore({ certificates: pki.trustMaterial.certificates, crls: [old] });
    const good = await checkRevocation({ path: await pathOf(pki.agency.certificate), store: stale, signedAt: now, checkedAt: now, toleranceMs: 0 });
    expect(good.status).toBe('GOOD');
    expect(good.notes.join(' ')).toMatch(/past its nextUpdate/);
    const revoked = await checkRevocation({ path: await pathOf(pki.revoked.certificate), store: stale, signedAt: now, checkedAt: now, toleranceMs: 0 });
    expect(revoked.status).toBe('REVOKED');
  });

  it('asks the OCSP responder when no CRL covers the certificate, and reports UNKNOWN when it cannot answer', async () => {
    const noCrl = await createTrustStore({ certificates: pki.trustMaterial.certificates, crls: [] });
    const asked: string[] = [];
    const revokedAnswer = await checkRevocation({
      path: await pathOf(pki.agency.certificate),
      store: noCrl,
      signedAt: now,
      checkedAt: now,
      toleranceMs: 0,
      ocsp: async (certificate) => {
        asked.push(describeCertificate(certificate).serialNumber);
        return { status: 'REVOKED', revokedAt: new Date(now.getTime() - HOUR) };
      },
    });
    expect(revokedAnswer.status).toBe('REVOKED');
    expect(asked[0]).toBe(pki.agency.serialNumber);
    const silent = await checkRevocation({ path: await pathOf(pki.agency.certificate), store: noCrl, signedAt: now, checkedAt: now, toleranceMs: 0, ocsp: async () => ({ status: 'UNKNOWN', reason: 'connection refused' }) });
    expect(silent).toMatchObject({ status: 'UNKNOWN', reason: expect.stringMatching(/connection refused/) });
  });
});
