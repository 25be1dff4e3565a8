import { MultiBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';
import { parseConfig, readConfigFile, type GatewayConfig } from '../src/config';
import type { PassProgress } from '../src/dossiers';
import { isGatewayError } from '../src/errors';
import { createLogger } from '../src/log';
import { createSources } from '../src/sources/create-sources';
import { createStore, loadDataKeyring } from '../src/store';
import { mirrorFromStore } from '../src/catalogue';

const USAGE = `usage: npm run sync -- [--config FILE] [--once] [--quiet]
  Reads every configured province into the gateway's store and pushes the changes to the
  National Public Service Portal, without serving HTTP.
  --once   one pass of each province (its first read in full, if never done) and a push of
           everything due, with a progress bar, then a summary; otherwise keeps syncing on
           the configured schedule (a sync-only replica: start several, they share the work).
  --config the gateway's own config file; without it, the embedded demo's simulated sources
           (started in this process) and the store in ./data.
  Exit status: 0 done, 1 a province or push failed, 2 usage, configuration or store error.
`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether stderr is a terminal (progress bars), else progress lines. */
  tty: boolean;
}

/**
 * `npm run sync -- --once`: one read pass per province and the portal push drained, with
 * progress and a summary per province. Resolves with the exit status.
 */
export async function runSync(argv: string[], { out, err, tty }: Io): Promise<number> {
  let values: { config?: string; once?: boolean; quiet?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, once: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  let config: GatewayConfig;
  let demo: { close(): Promise<void> } | undefined;
  try {
    if (values.config) config = parseConfig(readConfigFile(values.config));
    else {
      // The demo is loaded only when asked for: a configured sync loads no simulator.
      const { startDemoSources } = await import('../src/demo/start-demo-sources');
      const started = await startDemoSources();
      demo = started;
      config = parseConfig(started.config);
    }
  } catch (error) {
    err(isGatewayError(error) ? error.message : String(error));
    await demo?.close();
    return 2;
  }
  const logger = createLogger({ level: values.quiet || values.once ? 'warn' : config.log.level });
  const keys = loadDataKeyring({ configured: config.store.dataKeys, environment: process.env.LIENTHONG_DATA_KEY, dataDir: config.store.dataDir });
  const store = await createStore({ mongodbUri: config.store.mongodbUri, dataDir: config.store.dataDir, auditRetentionDays: config.store.auditRetentionDays, dataKeyring: keys.keyring, logger });
  const sources = createSources(config, logger, { store, mirror: mirrorFromStore(store.catalogue) });
  try {
    if (!values.once) {
      await sources.start();
      out(`syncing ${config.sources.provinces.length} province(s) into ${store.kind} ${store.location}${sources.pusher ? ' and pushing to the national portal' : ''}; Ctrl-C stops`);
      // The schedules' timers do not hold the process open (they are unref'd, so a gateway can
      // stop without waiting for them): this one does, until a signal says to stop.
      const alive = setInterval(() => undefined, 60_000);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      clearInterval(alive);
      return 0;
    }
    return await once(config, sources, { out, err, tty, quiet: values.quiet === true });
  } finally {
    await sources.close();
    await store.close();
    await demo?.close();
  }
}

async function once(config: GatewayConfig, sources: ReturnType<typeof createSources>, { out, err, tty, quiet }: Io & { quiet: boolean }): Promise<number> {
  const started = performance.now();
  const bars = tty && !quiet ? new MultiBar({ format: ' {source} |{bar}| {percentage}% {read} dossiers read {phase}', hideCursor: true, clearOnComplete: false, stream: process.stderr }, Presets.shades_classic) : null;
  const byProvince = new Map(config.sources.provinces.map((p) => [p.name, bars?.create(100, 0, { source: p.name.padEnd(14), read: 0, phase: '' })]));
  let lastLine = 0;
  const onProgress = (p: PassProgress): void => {
    const bar = byProvince.get(p.source);
    if (bar) bar.update(p.percent ?? 50, { read: p.read, phase: p.phase === 'backfill' ? '(first read)' : '' });
    else if (!quiet && performance.now() - lastLine > 2000) {
      lastLine = performance.now();
      err(`${p.source}: ${p.read} dossiers read${p.percent === null ? '' : `, ${p.percent}% of the first read`}`);
    }
  };
  const reports = await sources.dossiers.syncAll(onProgress);
  for (const [, bar] of byProvince) bar?.update(100);
  bars?.stop();
  const rounds = sources.pusher ? await sources.pusher.drain() : [];
  const depth = sources.nationalPortal ? await sources.syncAdmin.status() : [];
  let failed = false;
  out(`sync finished in ${Math.round(performance.now() - started) / 1000} s`);
  for (const { source, report } of reports) {
    const pushed = rounds.filter((r) => r.source === source);
    const sum = (key: 'pushed' | 'retried' | 'dead'): number => pushed.reduce((n, r) => n + r[key], 0);
    const status = depth.find((d) => d.source === source);
    if (!report) {
      out(`  ${source}: skipped (another replica holds its lease)`);
      continue;
    }
    if (!report.ok) failed = true;
    out(
      `  ${source}: ${report.ok ? 'ok' : `FAILED ${report.error}: ${report.message}`}; read ${report.read}, created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}` +
        (sources.pusher ? `; pushed ${sum('pushed')}, to retry ${sum('retried')}, refused ${sum('dead')}; waiting ${status?.pending ?? 0}, dead letters ${status?.deadLetters ?? 0}` : ''),
    );
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  runSync(process.argv.slice(2), { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`), tty: process.stderr.isTTY === true }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`sync failed: ${isGatewayError(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(2);
    },
  );
}
