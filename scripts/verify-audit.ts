import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../src/audit';
import { ENV_OVERRIDES, parseConfig, readConfigFile } from '../src/config';
import { isGatewayError } from '../src/errors';
import { createStore, type Store, type StoreOptions } from '../src/store';

const USAGE = `usage: npm run audit:verify [-- --config FILE]
  Checks the hash chain of the audit log, oldest entry first, in the store the gateway uses:
  the one FILE configures (the gateway's own config file), or without FILE the defaults
  (SQLite in ./data or LIENTHONG_DATA_DIR; MongoDB when MONGODB_URI is set).
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
  try {
    const { values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      out(USAGE);
      return 0;
    }
    config = values.config;
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  let store: Store;
  try {
    store = await createStore(storeOptions(config, env));
  } catch (error) {
    err(describe(error));
    return 2;
  }
  try {
    err(`verifying the audit chain in ${store.kind} ${store.location}`);
    const result = await verifyAuditChain(store.audit, {
      progressEvery: PROGRESS_EVERY,
      onProgress: ({ entries, at }) => err(`  ${entries} entries intact (up to ${at.toISOString()})`),
    });
    if (result.startsAfter !== undefined) {
      out(`the oldest stored entry follows entries no longer stored (retention purge); its link to them, ${result.startsAfter}, is taken as given`);
    }
    if (result.ok) {
      if (result.head) out(`audit chain head: ${result.head.id} (${result.head.at.toISOString()}) ${result.head.hash}`);
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

/**
 * The store options the gateway would use: those of the config file when given (validated
 * whole, as at start-up, so the retention matches the gateway's), otherwise the store
 * defaults with the gateway's environment overrides (`LIENTHONG_DATA_DIR`, `MONGODB_URI`).
 */
function storeOptions(file: string | undefined, env: NodeJS.ProcessEnv): StoreOptions {
  if (file !== undefined) {
    const { mongodbUri, dataDir, auditRetentionDays } = parseConfig(readConfigFile(file, env), env).store;
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
