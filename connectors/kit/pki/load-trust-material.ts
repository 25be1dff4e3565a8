import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { GatewayError } from '../../../src/errors';
import { readDerBlocks, type Der } from './read-der-blocks';

/**
 * Certificates and CRLs as DER bytes: what a trust store is made from. Plain bytes so that
 * it crosses to a worker thread as it is.
 */
export interface TrustMaterial {
  /** CA certificates: self-signed ones are trust anchors, the others intermediates that must chain to one. */
  certificates: Der[];
  /** Certificate revocation lists, each checked against its issuer before it is believed. */
  crls: Der[];
}

export interface TrustMaterialOptions {
  /** Files or folders of CA certificates, PEM (one or more blocks) or DER. */
  caCertificates?: readonly string[];
  /** Files or folders of CRLs, PEM or DER. @default [] */
  crls?: readonly string[];
}

/** File endings read from a folder; a file named on its own is read whatever its name. */
const ENDINGS = {
  certificate: { pattern: /\.(pem|crt|cer|der)$/i, shown: '.pem, .crt, .cer or .der' },
  crl: { pattern: /\.(crl|pem|der)$/i, shown: '.crl, .pem or .der' },
} as const;

/**
 * Reads the trust store's files at start-up: each path a file or a folder (its files with
 * a certificate or CRL ending, not recursing), every certificate and CRL parsed once so a
 * broken file stops start-up rather than weakening verification later.
 * @throws GatewayError CONFIG_INVALID naming every unreadable or unparseable file and why.
 */
export function loadTrustMaterial({ caCertificates = [], crls = [] }: TrustMaterialOptions): TrustMaterial {
  const problems: string[] = [];
  const read = (paths: readonly string[], kind: 'certificate' | 'crl'): Der[] => {
    const blocks: Der[] = [];
    for (const file of expand(paths, ENDINGS[kind], problems)) {
      try {
        for (const der of readDerBlocks(readFileSync(file), kind, file)) {
          if (kind === 'certificate') pkijs.Certificate.fromBER(der);
          else pkijs.CertificateRevocationList.fromBER(der);
          blocks.push(der);
        }
      } catch (error) {
        problems.push(`${file}: ${(error as Error).message}`);
      }
    }
    return blocks;
  };
  const material = { certificates: read(caCertificates, 'certificate'), crls: read(crls, 'crl') };
  if (problems.length > 0) throw new GatewayError('CONFIG_INVALID', `trust store files could not be read: ${problems.join('; ')}`);
  return material;
}

function expand(paths: readonly string[], endings: { pattern: RegExp; shown: string }, problems: string[]): string[] {
  const files: string[] = [];
  for (const entry of paths) {
    try {
      if (!statSync(entry).isDirectory()) {
        files.push(entry);
        continue;
      }
      const names = readdirSync(entry).filter((name) => !name.startsWith('.') && endings.pattern.test(name)).sort();
      if (names.length === 0) problems.push(`${entry}: the folder holds no ${endings.shown} file`);
      files.push(...names.map((name) => path.join(entry, name)).filter((file) => statSync(file).isFile()));
    } catch (error) {
      problems.push(`${entry}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`);
    }
  }
  return files;
}
