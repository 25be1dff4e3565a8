/**
 * How a simulator misbehaves, for tests and demos. Applied before the protocol handler
 * runs, to every request except the `/__sim/*` control routes.
 * - `none`: speak the protocol.
 * - `slow`: wait `delayMs` first, then answer normally.
 * - `hang`: accept the request and never answer (until the server closes).
 * - `fail`: answer HTTP `status` (default 503) with a short plain-text body.
 * - `garbage`: answer HTTP 200 with a body that is not the protocol's format.
 * - `reset`: destroy the socket without answering.
 */
export type Fault =
  | { mode: 'none' }
  | { mode: 'slow'; delayMs: number }
  | { mode: 'hang' }
  | { mode: 'fail'; status?: number }
  | { mode: 'garbage' }
  | { mode: 'reset' };

export function isFault(value: unknown): value is Fault {
  if (typeof value !== 'object' || value === null) return false;
  const mode = (value as { mode?: unknown }).mode;
  switch (mode) {
    case 'none':
    case 'hang':
    case 'garbage':
    case 'reset':
      return true;
    case 'slow':
      return typeof (value as { delayMs?: unknown }).delayMs === 'number';
    case 'fail': {
      const status = (value as { status?: unknown }).status;
      return status === undefined || typeof status === 'number';
    }
    default:
      return false;
  }
}
