import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadSigningKey, readDerBlocks } from '../connectors/kit/pki';
import { verifyAuditChain, verifySignedAuditChain, type AuditChainVerification, type SignedAuditChainVerification } from '../src/audit';
import { ENV_OVERRIDES, parseConfig, readConfigFile, type GatewayConfig } from '../src/config';
import { isGatewayError } from '../src/errors';
import { createStore, type Store, type StoreOptions } from '../src/store';

const USAGE = `usage: npm run audit:verify [-- [--config FILE] [--certificate FILE]... [--interval SECONDS]]
  Checks the hash chain of the audit log, oldest entry first, in the store the gateway uses:
  the one FILE configures (the gateway's own config file), or without FILE the defaults
  (SQLite in ./data or LIENTHONG_DATA_DIR; MongoDB when MONGODB_URI is set).
  With the operator's certificates, it checks the chain's signed heads too, which finds a
  chain rebuilt from the database alone: those of the config's auditSigning (its key's
  certificate, which needs the key's password in the environment, and previousCertificates),
  and any given with --certificate (PEM or DER; an auditor needs no key). --interval is the
  signing interval (default: the config's, else 300).
  Exit status: 0 chain intact, 1 chain broken, 2 usage, configuration or store error.
`;

const PROGRESS_EVERY = 10_000;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `npm run audit:verify [-- --config FILE]`: opens the gateway's store, walks the audit log
 * with `verifyAuditChain`, prints progress every 10,000 entries (stderr) and one final line
 * (stdout): `audit chain OK: N entries` or `audit chain BROKEN at <id> (<at>): <reason>`.
 * Resolves with the exit status.
 */
export async function verifyAudit(argv: string[], env: NodeJS.ProcessEnv, { out, err }: Io): Promise<number> {
  let config: string | undefined;
  let certificateFiles: string[] = [];
  let interval: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { config: { type: 'string', short: 'c' }, certificate: { type: 'string', multiple: true }, interval: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      out(USAGE);
      return 0;
    }
    config = values.config;
    certificateFiles = values.certificate ?? [];
    interval = values.interval;
    if (interval !== undefined && !/^[1-9]\d*$/.test(interval)) throw new Error(`--interval must be a whole number of seconds; got ${JSON.stringify(interval)}`);
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  let store: Store;
  let signing: { certificates: Uint8Array[]; intervalMs: number } | null;
  try {
    const parsed = config === undefined ? undefined : parseConfig(readConfigFile(config, env), env);
    signing = operatorCertificates(parsed, certificateFiles, interval);
    store = await createStore(storeOptions(parsed, env));
  } catch (error) {
    err(describe(error));
    return 2;
  }
  try {
    err(`verifying the audit chain in ${store.kind} ${store.location}`);
    const progress = { progressEvery: PROGRESS_EVERY, onProgress: ({ entries, at }: { entries: number; at: Date }) => err(`  ${entries} entries intact (up to ${at.toISOString()})`) };
    const result: AuditChainVerification | SignedAuditChainVerification = signing
      ? await verifySignedAuditChain({ audit: store.audit, heads: store.auditHeads }, { ...progress, ...signing })
      : await verifyAuditChain(store.audit, progress);
    if (result.startsAfter !== undefined) {
      out(`the oldest stored entry follows entries no longer stored (retention purge); its link to them, ${result.startsAfter}, is taken as given`);
    }
    if (result.head) out(`audit chain head: ${result.head.id} (${result.head.at.toISOString()}) ${result.head.hash}`);
    if (isSigned(result)) {
      const { checked, newest, unsignedTail, firstBad } = result.heads;
      out(`signed heads: ${checked} checked${newest ? `, the newest for ${newest.entryId} signed ${newest.signedAt.toISOString()}` : ''}`);
      if (unsignedTail) out(`unsigned tail: ${unsignedTail.entries} entries since ${unsignedTail.since.toISOString()} (heads are signed every ${signing!.intervalMs / 1000} s)`);
      if (firstBad && result.firstBreak === undefined) {
        out(`audit chain BROKEN at ${firstBad.entryId} (${firstBad.at.toISOString()}): ${firstBad.reason}: ${HEAD_BREAKS[firstBad.reason]}`);
        return 1;
      }
    } else if (result.ok) {
      out('signed heads: not checked (give --certificate FILE, or a config with auditSigning)');
    }
    if (result.ok) {
      out(`audit chain OK: ${result.entries} entries`);
      return 0;
    }
    const { id, at, reason } = result.firstBreak!;
    out(`audit chain BROKEN at ${id} (${at.toISOString()}): ${reason}`);
    return 1;
  } catch (error) {
    err(`the audit log could not be read to the end, so its chain is not verified: ${describe(error)}`);
    return 2;
  } finally {
    await store.close().catch(() => undefined);
  }
}

function isSigned(result: AuditChainVerification): result is SignedAuditChainVerification {
  return 'heads' in result;
}

const HEAD_BREAKS: Record<NonNullable<SignedAuditChainVerification['heads']['firstBad']>['reason'], string> = {
  HASH_MISMATCH: 'this entry no longer has the hash the operator signed: the log was changed and its chain rebuilt after this head was signed',
  SIGNATURE_INVALID: "this head's signature does not verify with the operator's certificate",
  UNKNOWN_CERTIFICATE: "this head was signed with a certificate that is not one of the operator's",
  ENTRY_MISSING: 'a signed head names this entry, which is no longer stored: entries were deleted',
  UNSIGNED_TAIL: 'no signed head covers the entries from this one on, though they are older than two signing intervals: signed heads were deleted, or the gateway stopped before it could sign them (its next start signs them)',
};

/** The operator's certificates and signing interval, from the config's auditSigning and --certificate; null when none are given. */
function operatorCertificates(config: GatewayConfig | undefined, files: string[], interval: string | undefined): { certificates: Uint8Array[]; intervalMs: number } | null {
  const certificates = files.flatMap((file) => readDerBlocks(readFileSync(file), 'certificate', file));
  const signing = config?.auditSigning;
  if (signing) {
    certificates.push(loadSigningKey(signing.key, 'auditSigning.key').certificate);
    for (const file of signing.previousCertificates) certificates.push(...readDerBlocks(readFileSync(file), 'certificate', file));
  }
  if (certificates.length === 0) return null;
  return { certificates, intervalMs: Number(interval ?? signing?.intervalSeconds ?? 300) * 1000 };
}

/**
 * The store options the gateway would use: those of the config file when given (validated
 * whole, as at start-up, so the retention matches the gateway's), otherwise the store
 * defaults with the gateway's environment overrides (`LIENTHONG_DATA_DIR`, `MONGODB_URI`).
 */
function storeOptions(config: GatewayConfig | undefined, env: NodeJS.ProcessEnv): StoreOptions {
  if (config !== undefined) {
    const { mongodbUri, dataDir, auditRetentionDays } = config.store;
    return { mongodbUri, dataDir, auditRetentionDays };
  }
  const options: Record<string, unknown> = { dataDir: './data' };
  for (const { env: name, path, parse } of ENV_OVERRIDES) {
    const value = env[name];
    if (path[0] === 'store' && path.length === 2 && value !== undefined && value !== '') options[path[1]!] = parse(value);
  }
  return options as StoreOptions;
}

function describe(error: unknown): string {
  if (isGatewayError(error)) return error.message.startsWith(error.code) ? error.message : `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

if (require.main === module) {
  verifyAudit(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
