import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GatewayConfigInput } from '../../src/config';
import { createStore, loadDataKeyring, type Store } from '../../src/store';

const WORKER = path.join(__dirname, '../fixtures/sync-worker.js');

/** A sync-only replica in a child process, killable at any moment. */
export interface SyncWorker {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves once it prints that it is syncing. */
  readonly ready: Promise<void>;
  /** Resolves with the exit code or signal once it has gone. */
  readonly exited: Promise<number | string | null>;
  /** Everything it wrote to stderr, for failure messages. */
  stderr(): string;
}

/**
 * Writes a gateway config for sync workers: the demo's sources with their simulators'
 * URLs, a store in `dataDir`, and sync and push settings fast enough for a test.
 */
export function writeWorkerConfig(file: string, demoConfig: GatewayConfigInput, dataDir: string, sources: Record<string, unknown> = {}): string {
  const demo = demoConfig.sources!;
  const config: GatewayConfigInput = {
    auth: demoConfig.auth!,
    log: { level: 'warn' },
    store: { dataDir, auditFlushIntervalMs: 50 },
    sources: {
      nationalProcedures: { ...demo.nationalProcedures, catalogue: { refreshIntervalSeconds: 0, concurrency: 8, waitMs: 20_000 } },
      provinces: demo.provinces,
      nationalPortal: { ...demo.nationalPortal!, timeoutMs: 500, push: { pollMs: 50, backoffBaseMs: 50, backoffMaxMs: 400, ratePerSecond: 2000, concurrency: 4, leaseTtlSeconds: 2, maxAttempts: 3, claimSeconds: 3 } },
      dossiers: { syncIntervalSeconds: 1, leaseTtlSeconds: 2, backfillWindowDays: 366, reconcileIntervalHours: 0, waitMs: 0 },
      ...sources,
    } as GatewayConfigInput['sources'],
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** Starts `npm run sync` (continuous) as replica `name` on `configFile`. */
export function startSyncWorker(configFile: string, name: string): SyncWorker {
  const child = spawn(process.execPath, [...(process.env.WORKER_NODE_ARGS ? process.env.WORKER_NODE_ARGS.split(' ') : []), WORKER, '--config', configFile], { env: { ...process.env, LIENTHONG_REPLICA_NAME: name }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const ready = new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('syncing')) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`sync worker ${name} exited (${code ?? signal}) before it was ready: ${err.slice(-2000)}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { name, child, ready, exited, stderr: () => err };
}

/** Opens the store a worker writes (same data directory, same key file), as another process would. */
export async function openWorkerStore(dataDir: string): Promise<Store> {
  const { keyring } = loadDataKeyring({ dataDir });
  return createStore({ dataDir, dataKeyring: keyring });
}

/** Polls `condition` every 100 ms until it holds, or throws `what` after `timeoutMs`. */
export async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
