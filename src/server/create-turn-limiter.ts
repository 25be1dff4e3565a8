/** Lets at most a number of tasks start per turn of the event loop. */
export interface TurnLimiter {
  /** Resolves when the caller may start: at once while this turn has room, else in a later turn, in the order asked. */
  take(): Promise<void>;
}

/**
 * At most `perTurn` tasks start per turn of the event loop; the others wait for the next
 * turns, with I/O polled between (a `setImmediate` scheduled from an immediate runs only
 * after the next poll phase). One `setImmediate` per turn, not per task: immediates queued
 * together all run in one check phase, so a yield per task would let a burst of thousands
 * run without any I/O between them.
 */
export function createTurnLimiter(perTurn: number): TurnLimiter {
  let room = perTurn;
  let scheduled = false;
  const waiting: Array<() => void> = [];

  function nextTurn(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      room = perTurn;
      while (room > 0 && waiting.length > 0) {
        room -= 1;
        waiting.shift()!();
      }
      // Room is given back each turn only while someone took some: an idle limiter schedules nothing.
      if (room < perTurn) nextTurn();
    });
  }

  return {
    take() {
      nextTurn();
      if (room > 0 && waiting.length === 0) {
        room -= 1;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
  };
}
