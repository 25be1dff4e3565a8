import type { SimResponse } from './sim-server';

/**
 * "Fail the next N calls": a simulator checks it at the start of each protocol request
 * and, while calls remain, answers with the given response instead of serving. Unlike a
 * Fault, it ends by itself, so a test can watch a client retry through a short outage.
 */
export interface FailNext {
  /** Answers the next `count` protocol calls with `answer` (replacing any earlier setting). */
  set(count: number, answer: SimResponse): void;
  /** The answer for this call, counting it, or null when the call is to be served. */
  take(): SimResponse | null;
  /** Calls still to fail. */
  readonly remaining: number;
}

export function createFailNext(): FailNext {
  let remaining = 0;
  let answer: SimResponse | null = null;
  return {
    set(count, next) {
      if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number ≥ 0; got ${String(count)}`);
      remaining = count;
      answer = next;
    },
    take() {
      if (remaining === 0 || answer === null) return null;
      remaining -= 1;
      return answer;
    },
    get remaining() {
      return remaining;
    },
  };
}
