import { GatewayError } from '../../src/errors';

/** A bounded place in line for a source: so many calls at once, so many waiting, no more. */
export interface Limiter {
  /**
   * Takes a place, waiting in line (first come, first served) when all are taken, and
   * resolves with the function that gives it back.
   * @throws GatewayError UPSTREAM_UNAVAILABLE (`reason: 'OVERLOADED'`) at once when the line is full;
   *   UPSTREAM_TIMEOUT (`reason: 'QUEUED'`) when `deadline` (epoch ms) passes in line.
   */
  acquire(deadline: number): Promise<() => void>;
  readonly inFlight: number;
  readonly queued: number;
  /** Refuses every call still waiting (at shutdown). */
  close(): void;
}

interface Waiter {
  deadline: number;
  grant(release: () => void): void;
  refuse(error: GatewayError): void;
}

/**
 * A counting semaphore with a bounded, cancellable line. Memory is bounded by
 * `maxInFlight + maxQueued` whatever the source does: a hung source fills the places and
 * the line, and every call beyond them fails at once instead of piling up.
 */
export function createLimiter(source: string, { maxInFlight, maxQueued }: { maxInFlight: number; maxQueued: number }): Limiter {
  let inFlight = 0;
  // A Set keeps insertion order and removes a waiter that gave up in O(1).
  const line = new Set<Waiter>();

  const timedOut = (): GatewayError =>
    new GatewayError('UPSTREAM_TIMEOUT', `${source} did not answer in time: the call waited behind ${maxInFlight} others in flight`, { source, reason: 'QUEUED' });

  function release(): void {
    for (const waiter of line) {
      line.delete(waiter);
      // A waiter whose deadline is due (its timer not yet run) would only be sent to time out.
      if (waiter.deadline <= Date.now()) {
        waiter.refuse(timedOut());
        continue;
      }
      waiter.grant(once(release));
      return;
    }
    inFlight -= 1;
  }

  return {
    acquire(deadline) {
      if (inFlight < maxInFlight) {
        inFlight += 1;
        return Promise.resolve(once(release));
      }
      if (line.size >= maxQueued) {
        return Promise.reject(
          new GatewayError('UPSTREAM_UNAVAILABLE', `${source} is overloaded: ${maxInFlight} calls are in flight and ${maxQueued} waiting, so this one was refused`, {
            source,
            reason: 'OVERLOADED',
          }),
        );
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          line.delete(waiter);
          reject(timedOut());
        }, Math.max(0, deadline - Date.now()));
        const waiter: Waiter = {
          deadline,
          grant(give) {
            clearTimeout(timer);
            resolve(give);
          },
          refuse(error) {
            clearTimeout(timer);
            reject(error);
          },
        };
        line.add(waiter);
      });
    },
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return line.size;
    },
    close() {
      for (const waiter of line) waiter.refuse(new GatewayError('UPSTREAM_UNAVAILABLE', `${source} is shutting down`, { source }));
      line.clear();
    },
  };
}

/** A release that counts once, however often it is called. */
function once(release: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}
