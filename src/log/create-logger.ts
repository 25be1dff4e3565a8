import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

/** How log lines are written: JSON lines for collectors, or readable lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  /** fatal, error, warn, info, debug, trace or silent. @default 'info' */
  level?: string;
  /** @default 'lienthong' */
  name?: string;
  /** @default 'pretty' when stdout is a terminal, 'json' otherwise (a file, a pipe, a container's log driver) */
  format?: LogFormat;
  /** Where lines go; a test passes its own. @default stdout */
  destination?: NodeJS.WritableStream;
}

/**
 * The gateway's logger (pino). JSON lines, one per event with an ISO time, unless a person
 * is reading: on a terminal the lines are pretty-printed (pino-pretty, in this thread and
 * synchronously, so a line logged just before an exit is never lost and the demo's banner
 * is never interleaved with a half-written line).
 */
export function createLogger({ level = 'info', name = 'lienthong', format = process.stdout.isTTY ? 'pretty' : 'json', destination }: LoggerOptions = {}): Logger {
  const options = { name, level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  if (format === 'pretty') {
    return pino(
      options,
      pretty({
        colorize: destination === undefined && process.stdout.isTTY === true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,name',
        singleLine: true,
        // Only `err` holds an Error: a sync pass's `error` is a code, printed inline.
        errorLikeObjectKeys: ['err'],
        sync: true,
        ...(destination ? { destination } : {}),
      }) as DestinationStream,
    );
  }
  return destination ? pino(options, destination as DestinationStream) : pino(options);
}

/** A logger that drops everything, for tests and library use. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** Reads a `--log-format` value; undefined when none was given (the terminal decides). */
export function parseLogFormat(value: string | undefined): LogFormat | undefined {
  if (value === undefined) return undefined;
  if (value === 'json' || value === 'pretty') return value;
  throw new Error(`--log-format must be json or pretty; got ${JSON.stringify(value)}`);
}
