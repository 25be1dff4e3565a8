import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Launch arguments for a headless run as root on a machine with no display, no GPU and no Internet. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const UPDATE_TIMEOUT_MS = 3 * 60_000;
const INSTALL_TIMEOUT_MS = 8 * 60_000;

/**
 * The browser for tests that drive a page: Debian's Chromium, installed from Debian's own
 * packages when missing (a fresh clone on a fresh machine: `npm ci && npm test` must be
 * enough). Installing needs root and apt-get, reaches only the machine's Debian mirror, and
 * is bounded in time. Resolves `{ path }`, or `{ reason }` saying why there is no browser,
 * for the test to be skipped loudly with it.
 *
 * It runs synchronously when a test module that needs the browser loads, so only runs that
 * include such a test pay for an install, and the install happens once per machine.
 */
export function ensureChromium(): { path: string } | { reason: string } {
  if (existsSync(CHROMIUM)) return { path: CHROMIUM };
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) return { reason: `${CHROMIUM} is missing and this machine has no apt-get to install Debian's chromium package` };
  if (process.getuid?.() !== 0) return { reason: `${CHROMIUM} is missing; install it as root with: apt-get update && apt-get install -y chromium` };
  process.stderr.write(`\n[playground browser test] ${CHROMIUM} is missing: installing Debian's chromium package (apt-get; a few minutes, once per machine)…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: UPDATE_TIMEOUT_MS });
    execFileSync('apt-get', ['install', '-y', 'chromium'], { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: INSTALL_TIMEOUT_MS });
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim().split('\n').slice(-3).join(' / ') ?? (error as Error).message;
    return { reason: `installing Debian's chromium package failed: ${detail || (error as Error).message}` };
  }
  if (!existsSync(CHROMIUM)) return { reason: `apt-get installed chromium but ${CHROMIUM} is not there` };
  process.stderr.write(`[playground browser test] chromium installed at ${CHROMIUM}\n`);
  return { path: CHROMIUM };
}
