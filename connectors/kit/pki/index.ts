/**
 * Public-key infrastructure shared by whatever verifies or makes signatures: trust stores
 * of CA certificates and CRLs, certificate path validation and revocation, OCSP, signing
 * keys. Built on @peculiar/x509, pkijs and node-forge; no cryptography of our own.
 */
export { loadTrustMaterial } from './load-trust-material';
export type { TrustMaterial, TrustMaterialOptions } from './load-trust-material';
export { createTrustStore } from './create-trust-store';
export type { TrustStore } from './create-trust-store';
export { validateCertificatePath } from './validate-certificate-path';
export type { CertificatePathResult, ValidateCertificatePathOptions } from './validate-certificate-path';
export { checkRevocation } from './check-revocation';
export type { CheckRevocationOptions, OcspAnswer, OcspQuery, RevocationResult } from './check-revocation';
export { describeCertificate } from './describe-certificate';
export type { CertificateHolder } from './describe-certificate';
export { loadSigningKey } from './load-signing-key';
export type { SigningKey, SigningKeyOptions } from './load-signing-key';
export { readDerBlocks } from './read-der-blocks';
export { createOcspClient } from './create-ocsp-client';
export type { OcspClient, OcspQueryOptions } from './create-ocsp-client';
