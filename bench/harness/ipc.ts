import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What a bench process reports about itself: CPU time used so far and memory now. */
export interface ProcessUsage {
  /** User + system CPU time since the process started, in ms (`process.cpuUsage`). */
  cpuMs: number;
  /** Resident set size now, in bytes. */
  rss: number;
  /** Highest resident set size so far (VmHWM), in bytes; null where /proc is not available. */
  peakRss: number | null;
  heapUsed: number;
}

// Arguments come from the parent bench process, which sends what each command declares.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (args: any) => unknown;

interface Request {
  id: number;
  command: string;
  args?: unknown;
}

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** This process's usage, as `ProcessUsage`. */
export function ownUsage(): ProcessUsage {
  const cpu = process.cpuUsage();
  return { cpuMs: (cpu.user + cpu.system) / 1000, rss: process.memoryUsage.rss(), peakRss: peakRssOf('self'), heapUsed: process.memoryUsage().heapUsed };
}

/** VmHWM of a process from /proc, in bytes; null elsewhere. */
export function peakRssOf(pid: number | 'self'): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * The child side of the bench's control channel: answers the parent's commands (the
 * `handlers`, plus `usage`) over Node's IPC, then tells the parent it is ready with
 * `ready`'s value. A command's failure is sent back as its message, never crashing the
 * child. When the parent disconnects, `onStop` runs and the child exits.
 */
export function serveCommands(handlers: Record<string, Handler>, ready: unknown, onStop: () => Promise<void> = async () => undefined): void {
  const all: Record<string, Handler> = { usage: () => ownUsage(), ...handlers };
  process.on('message', (message: Request) => {
    const handler = all[message.command];
    void Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${message.command}`);
        return handler(message.args);
      })
      .then(
        (value) => send({ id: message.id, ok: true, value }),
        (err: unknown) => send({ id: message.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
  process.on('disconnect', () => {
    void onStop()
      .catch((err: unknown) => console.error(err))
      .finally(() => process.exit(0));
  });
  send({ id: 0, ok: true, value: ready });
}

function send(reply: Reply): void {
  process.send?.(reply);
}

/** A bench process started by `startChild`, commanded over IPC. */
export interface BenchChild<Ready = unknown> {
  readonly name: string;
  readonly pid: number;
  /** What the child sent when it was ready. */
  readonly ready: Ready;
  call<T = unknown>(command: string, args?: unknown): Promise<T>;
  usage(): Promise<ProcessUsage>;
  /** Disconnects and waits for it to exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

export interface StartChildOptions {
  name: string;
  /** The child's script (a compiled .js file). */
  script: string;
  args?: string[];
  env?: Record<string, string>;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  execArgv?: string[];
  /** How long it may take to say it is ready. @default 1800000 */
  readyTimeoutMs?: number;
}

/** Forks a bench process and waits for its `ready` message. Its stdout and stderr go to ours. */
export function startChild<Ready = unknown>({ name, script, args = [], env = {}, execArgv = [], readyTimeoutMs = 1_800_000 }: StartChildOptions): Promise<BenchChild<Ready>> {
  const child: ChildProcess = fork(script, args, { env: { ...process.env, ...env }, execArgv: [...process.execArgv, ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let next = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} was not ready after ${readyTimeoutMs} ms`)), readyTimeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      for (const p of pending.values()) p.reject(new Error(`${name} exited (${code ?? signal})`));
      reject(new Error(`${name} exited before it was ready (${code ?? signal})`));
    });
    child.on('message', (reply: Reply) => {
      if (reply.id === 0) {
        clearTimeout(timer);
        const handle: BenchChild<Ready> = {
          name,
          pid: child.pid!,
          ready: reply.value as Ready,
          call<T>(command: string, callArgs?: unknown): Promise<T> {
            if (exited) return Promise.reject(new Error(`${name} has exited`));
            const id = next++;
            return new Promise<T>((res, rej) => {
              pending.set(id, { resolve: res as (value: unknown) => void, reject: rej });
              child.send({ id, command, args: callArgs } satisfies Request);
            });
          },
          usage: () => handle.call<ProcessUsage>('usage'),
          async stop(graceMs = 30_000) {
            if (exited) return;
            const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
            child.disconnect();
            await exit;
            clearTimeout(kill);
          },
        };
        resolve(handle);
        return;
      }
      const waiter = pending.get(reply.id);
      if (!waiter) return;
      pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(`${name}: ${reply.error}`));
    });
  });
}
