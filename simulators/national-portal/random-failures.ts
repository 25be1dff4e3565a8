import { createSeededRandom, type SeededRandom } from '../kit';

/**
 * Failing a fraction of protocol calls at random, reproducibly: `rate` of them (0–1),
 * drawn from `seed`. Such a call answers HTTP 503; with `afterWrite` a write is carried
 * out first and only its answer is lost, the case that makes a client push twice.
 */
export interface RandomFailures {
  rate: number;
  seed: number;
  /** @default false */
  afterWrite?: boolean;
}

/** True for a well-formed RandomFailures (what the control route accepts). */
export function isRandomFailures(value: unknown): value is RandomFailures {
  if (typeof value !== 'object' || value === null) return false;
  const { rate, seed, afterWrite } = value as Record<string, unknown>;
  return typeof rate === 'number' && rate >= 0 && rate <= 1 && Number.isInteger(seed) && (afterWrite === undefined || typeof afterWrite === 'boolean');
}

/** Draws, call by call, whether a call fails and when. */
export interface FailureDraw {
  /** `none`, `before` (refuse the call) or `after` (carry it out, then lose the answer). */
  next(): 'none' | 'before' | 'after';
}

/** A fresh draw for `failures` (null: never fail); the same seed draws the same calls again. */
export function createFailureDraw(failures: RandomFailures | null): FailureDraw {
  if (failures === null || failures.rate === 0) return { next: () => 'none' };
  const random: SeededRandom = createSeededRandom(failures.seed);
  return { next: () => (random.chance(failures.rate) ? (failures.afterWrite ? 'after' : 'before') : 'none') };
}
