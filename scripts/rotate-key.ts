import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { ENV_OVERRIDES, parseConfig, readConfigFile, type GatewayConfig } from '../src/config';
import { isGatewayError } from '../src/errors';
import { createStore, loadDataKeyring, readDataKeyFile, writeDataKeyFile, type DataKeyring, type Store, type StoreOptions } from '../src/store';

const USAGE = `usage: npm run rotate-key [-- --config FILE]
  Re-seals every dossier record and webhook signing secret in the store under a new data key
  (personal data and secrets at rest are sealed with AES-256-GCM; each record names its key).
  With the key file of the data directory (no store.dataKeys, no LIENTHONG_DATA_KEY): adds a
  new key to <dataDir>/data-keys.json and makes it active, re-seals every record with
  progress, checks that none is left under an old key, then removes the old keys from the
  file.
  With store.dataKeys: re-seals under the configured active key (add the new key there and
  make it active first), then names the old keys no record uses any more, which can be
  removed from the configuration.
  Stop every gateway and sync replica on this store first: a running one keeps sealing under
  the key it started with. --config is the gateway's own configuration; without it, SQLite
  in ./data (or LIENTHONG_DATA_DIR), MongoDB when MONGODB_URI is set.
  Exit status: 0 done, 1 records are still sealed under an old key (a gateway was running:
  stop it and run again), 2 usage, configuration, key or store error.
`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether stderr is a terminal (a progress bar), else progress lines. */
  tty: boolean;
}

/** Progress lines at most this often when stderr is not a terminal. */
const PROGRESS_LINE_MS = 2000;

/**
 * `npm run rotate-key [-- --config FILE]` (`lienthong rotate-key`): re-seals every dossier
 * under a new data key, as USAGE says. Resolves with the exit status.
 *
 * The key file is rewritten twice, each time whole and atomically (a new file renamed over
 * the old, mode 0600): first with the new key added and active, the old ones kept, so a
 * crash at any point leaves a file that opens every record; then, once a second pass finds
 * nothing left to re-seal, with the new key alone.
 */
export async function rotateKey(argv: string[], env: NodeJS.ProcessEnv, { out, err, tty }: Io): Promise<number> {
  let file: string | undefined;
  try {
    const { values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      out(USAGE);
      return 0;
    }
    file = values.config;
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  let config: GatewayConfig | undefined;
  let plan: Plan;
  try {
    config = file === undefined ? undefined : parseConfig(readConfigFile(file, env), env);
    plan = planRotation(config, env);
  } catch (error) {
    err(describe(error));
    return 2;
  }
  if (plan.kind === 'environment') {
    err('LIENTHONG_DATA_KEY holds one key, so there is nothing to rotate to: configure store.dataKeys with the current key (any id) and a new active one, then run rotate-key with that configuration.');
    return 2;
  }
  if (plan.kind === 'file') {
    out(`adding data key ${plan.newKeyId} to ${plan.file} and making it active (old: ${plan.oldKeyIds.join(', ')})`);
    writeKeyFileAtomically(plan.file, { active: plan.newKeyId, keys: { ...plan.oldKeys, [plan.newKeyId]: plan.newKey } });
  }

  let store: Store;
  try {
    store = await createStore({ ...storeOptions(config, env), dataKeyring: plan.keyring });
  } catch (error) {
    err(describe(error));
    return 2;
  }
  try {
    out(`re-sealing the dossiers in ${store.kind} ${store.location} under data key ${plan.keyring.activeKeyId}`);
    // Webhooks' signing secrets are sealed with the same keys: removing an old key must leave none under it.
    const resealed = (await resealWithProgress(store, { err, tty })) + (await store.webhooks.reseal());
    // A second pass finds what a running gateway sealed under an old key meanwhile.
    const left = (await store.dossiers.reseal()) + (await store.webhooks.reseal());
    out(`re-sealed ${resealed + left} record(s); every record is now sealed under ${plan.keyring.activeKeyId}`);
    if (left > 0) {
      err(`${left} record(s) were written under an old key while this ran: a gateway or sync replica is running on this store. The old keys are kept; stop it and run rotate-key again.`);
      return 1;
    }
    const unused = [...plan.keyring.keys.keys()].filter((id) => id !== plan.keyring.activeKeyId);
    if (plan.kind === 'file') {
      writeKeyFileAtomically(plan.file, { active: plan.newKeyId, keys: { [plan.newKeyId]: plan.newKey } });
      out(`removed the old key(s) ${plan.oldKeyIds.join(', ')} from ${plan.file}`);
    } else if (unused.length > 0) {
      out(`no record uses the key(s) ${unused.join(', ')} any more: they can be removed from store.dataKeys.keys`);
    } else {
      out('store.dataKeys holds no other key: nothing to remove');
    }
    return 0;
  } catch (error) {
    err(`re-sealing stopped: ${describe(error)}. The keys are unchanged beyond the new active one; run rotate-key again.`);
    return 2;
  } finally {
    await store.close().catch(() => undefined);
  }
}

type Plan =
  | { kind: 'config'; keyring: DataKeyring }
  | { kind: 'environment' }
  | { kind: 'file'; file: string; keyring: DataKeyring; newKeyId: string; newKey: string; oldKeyIds: string[]; oldKeys: Record<string, string> };

/** Where the keys come from, by the gateway's own rule (`loadDataKeyring`), and the keyring to re-seal with. */
function planRotation(config: GatewayConfig | undefined, env: NodeJS.ProcessEnv): Plan {
  const dataDir = storeOptions(config, env).dataDir ?? './data';
  const loaded = loadDataKeyring({ configured: config?.store.dataKeys, environment: env.LIENTHONG_DATA_KEY, dataDir, create: false });
  if (loaded.where === 'environment') return { kind: 'environment' };
  if (loaded.where === 'config') return { kind: 'config', keyring: loaded.keyring };
  const current = readDataKeyFile(loaded.file!);
  const oldKeys = Object.fromEntries([...current.keys].map(([id, key]) => [id, key.toString('base64')]));
  const newKeyId = nextKeyId(Object.keys(oldKeys));
  const newKey = randomBytes(32).toString('base64');
  const keys = new Map(current.keys);
  keys.set(newKeyId, Buffer.from(newKey, 'base64'));
  return { kind: 'file', file: loaded.file!, keyring: { activeKeyId: newKeyId, keys }, newKeyId, newKey, oldKeyIds: Object.keys(oldKeys), oldKeys };
}

/** `k<n>` one above the highest such id (the gateway's first key is `k1`). */
function nextKeyId(ids: readonly string[]): string {
  const numbers = ids.map((id) => /^k(\d+)$/.exec(id)).map((m) => (m ? Number(m[1]) : 0));
  return `k${Math.max(0, ...numbers) + 1}`;
}

function writeKeyFileAtomically(file: string, content: { active: string; keys: Record<string, string> }): void {
  const next = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeDataKeyFile(next, content);
  renameSync(next, file);
}

async function resealWithProgress(store: Store, { err, tty }: Pick<Io, 'err' | 'tty'>): Promise<number> {
  const total = Object.values(await store.dossiers.countBySource()).reduce((sum, n) => sum + n, 0);
  const bar = tty ? new SingleBar({ format: ' re-sealing |{bar}| {value}/{total} records', hideCursor: true, stream: process.stderr }, Presets.shades_classic) : null;
  bar?.start(total, 0);
  let lastLine = 0;
  const done = await store.dossiers.reseal((count) => {
    if (bar) bar.update(Math.min(count, total));
    else if (performance.now() - lastLine > PROGRESS_LINE_MS) {
      lastLine = performance.now();
      err(`  ${count} of at most ${total} records re-sealed`);
    }
  });
  bar?.update(total);
  bar?.stop();
  return done;
}

/** The store the gateway would open: the config's, or the defaults with the environment's overrides. */
function storeOptions(config: GatewayConfig | undefined, env: NodeJS.ProcessEnv): StoreOptions {
  if (config !== undefined) {
    const { mongodbUri, dataDir, auditRetentionDays } = config.store;
    return { mongodbUri, dataDir, auditRetentionDays };
  }
  const options: Record<string, unknown> = { dataDir: './data' };
  for (const { env: name, path: key, parse } of ENV_OVERRIDES) {
    const value = env[name];
    if (key[0] === 'store' && key.length === 2 && value !== undefined && value !== '') options[key[1]!] = parse(value);
  }
  return options as StoreOptions;
}

function describe(error: unknown): string {
  if (isGatewayError(error)) return error.message.startsWith(error.code) ? error.message : `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

if (require.main === module) {
  rotateKey(process.argv.slice(2), process.env, { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`), tty: process.stderr.isTTY === true }).then(
    (status) => process.exit(status),
    (error: unknown) => {
      process.stderr.write(`rotate-key failed: ${describe(error)}\n`);
      process.exit(2);
    },
  );
}
