import { backoffDelay } from '../backoff-delay';

const policy = { baseDelayMs: 200, maxDelayMs: 2000 };

describe('backoffDelay', () => {
  it('waits between nothing and a ceiling that doubles from the base delay on every retry', () => {
    // Ceilings by hand: 200, 400, 800, 1600, then the 2000 cap.
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, policy, () => 0.5))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(0, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.999999)).toBe(1599);
    expect(backoffDelay(9, policy, () => 0.999999)).toBe(1999);
  });

  it('spreads waits uniformly below the ceiling, so clients that failed together do not return together', () => {
    const samples = Array.from({ length: 4000 }, () => backoffDelay(2, policy));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThan(800);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    // Uniform on [0, 800): mean 400, standard error about 3.7 for 4000 samples.
    expect(mean).toBeGreaterThan(370);
    expect(mean).toBeLessThan(430);
    expect(new Set(samples).size).toBeGreaterThan(500);
  });
});
