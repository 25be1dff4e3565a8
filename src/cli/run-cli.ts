import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isGatewayError } from '../errors';
import { parseLogFormat, type LogFormat } from '../log';
import { EXIT } from './exit-status';

export { EXIT };

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress bars), else progress lines. */
  tty: boolean;
  env: NodeJS.ProcessEnv;
}

const processIo = (): CliIo => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: process.stderr.isTTY === true,
  env: process.env,
});

const lines = (write: (text: string) => void) => (line: string) => write(`${line}\n`);

/**
 * `lienthong <command>`: the gateway's command line. Each command's module is loaded only
 * when that command runs, so `lienthong start` loads no demo or simulator code. Resolves
 * with the exit status (`EXIT`); long-running commands resolve once stopped.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let status: number = EXIT.ok;
  const program = new Command('lienthong')
    .description('GraphQL integration gateway for Vietnamese e-government.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      '\nExit status: 0 done (or stopped gracefully), 1 the work failed, 2 usage, configuration or store error.\nRun "lienthong <command> --help" for a command\'s options.',
    );
  const logFormat = (): Option => new Option('--log-format <format>', 'json or pretty (default: pretty on a terminal, JSON lines otherwise)').argParser(asLogFormat);

  program
    .command('start')
    .description('run the gateway in front of the sources a configuration file names (production)')
    .requiredOption('-c, --config <file>', 'the YAML or JSON configuration (README.md#configuration)')
    .addOption(logFormat())
    .action(async (options: { config: string; logFormat?: LogFormat }) => {
      const { runStart } = await import('./start-command');
      status = await runStart(options);
    });

  program
    .command('demo')
    .description('run the embedded demo: every source simulated on loopback, the playground at http://127.0.0.1:4000/')
    .option('-p, --port <port>', 'the gateway port (default 4000)', asInteger(0, 65535))
    .option('--dossiers <count>', 'dossiers per simulated province (default 20000; 0 runs no province)', asInteger(0, 1_000_000))
    .option('--procedures <count>', 'procedures in the simulated national database (default 2000)', asInteger(1, 100_000))
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent', 'info')
    .addOption(logFormat())
    .option('-c, --config <file>', 'not taken: the demo runs its own sources (use "lienthong start --config FILE")')
    .action(async (options: { port?: number; dossiers?: number; procedures?: number; logLevel: string; logFormat?: LogFormat; config?: string }) => {
      if (options.config !== undefined) {
        io.err(`the demo runs simulated sources and takes no configuration file; to run the gateway with ${options.config}: lienthong start --config ${options.config} (npm run serve -- --config ${options.config})\n`);
        status = EXIT.usage;
        return;
      }
      const { runDemo } = await import('../demo/run-demo');
      status = await runDemo({
        logLevel: options.logLevel,
        ...(options.port !== undefined && { port: options.port }),
        ...(options.dossiers !== undefined && { dossiersPerProvince: options.dossiers }),
        ...(options.procedures !== undefined && { procedures: options.procedures }),
        ...(options.logFormat && { logFormat: options.logFormat }),
      });
    });

  program
    .command('check-config')
    .description('validate a configuration file and the keys and trust files it names, without starting anything')
    .requiredOption('-c, --config <file>', 'the configuration to check')
    .action(async (options: { config: string }) => {
      const { checkConfig } = await import('./check-config');
      status = checkConfig(options.config, io.env, { out: lines(io.out), err: lines(io.err) });
    });

  program
    .command('sync')
    .description("read every configured province into the store and push changes to the national portal, without serving HTTP")
    .option('-c, --config <file>', "the gateway's configuration (default: the demo's simulated sources)")
    .option('--once', 'one pass of each province and the push drained, with progress and a summary; otherwise keep syncing')
    .option('-q, --quiet', 'no progress output')
    .action(async (options: { config?: string; once?: boolean; quiet?: boolean }) => {
      const { runSync } = await import('../../scripts/sync');
      status = await runSync([...flag('--config', options.config), ...(options.once ? ['--once'] : []), ...(options.quiet ? ['--quiet'] : [])], {
        out: lines(io.out),
        err: lines(io.err),
        tty: io.tty,
      });
    });

  program
    .command('verify-audit')
    .description("check the audit log's hash chain (and its signed heads, given the operator's certificates)")
    .option('-c, --config <file>', "the gateway's configuration (default: SQLite in ./data, or MONGODB_URI)")
    .option('--certificate <file>', "an operator's certificate, PEM or DER (repeatable)", (value: string, all: string[] = []) => [...all, value])
    .option('--interval <seconds>', 'the head signing interval (default: the configuration\'s, else 300)')
    .action(async (options: { config?: string; certificate?: string[]; interval?: string }) => {
      const { verifyAudit } = await import('../../scripts/verify-audit');
      const argv = [...flag('--config', options.config), ...(options.certificate ?? []).flatMap((c) => ['--certificate', c]), ...flag('--interval', options.interval)];
      status = await verifyAudit(argv, io.env, { out: lines(io.out), err: lines(io.err) });
    });

  program
    .command('rotate-key')
    .description('re-seal every stored dossier and webhook secret under a new data key (stop the gateways first)')
    .option('-c, --config <file>', "the gateway's configuration (default: SQLite in ./data with its key file)")
    .action(async (options: { config?: string }) => {
      const { rotateKey } = await import('../../scripts/rotate-key');
      status = await rotateKey(flag('--config', options.config), io.env, { out: lines(io.out), err: lines(io.err), tty: io.tty });
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (isGatewayError(error)) {
      io.err(`${error.message.startsWith(error.code) ? error.message : `${error.code}: ${error.message}`}\n`);
      // Nothing was done: a configuration or a store that does not open (the help says so).
      return error.code === 'CONFIG_INVALID' || error.code === 'STORE_UNAVAILABLE' ? EXIT.usage : EXIT.failed;
    }
    io.err(`lienthong failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}

function flag(name: string, value: string | undefined): string[] {
  return value === undefined ? [] : [name, value];
}

function asInteger(min: number, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}.`);
    return Number(value);
  };
}

function asLogFormat(value: string): LogFormat {
  try {
    return parseLogFormat(value)!;
  } catch {
    throw new InvalidArgumentError('must be json or pretty.');
  }
}
