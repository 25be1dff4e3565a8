import { setLongTimeout } from '../set-long-timeout';

const DAY_MS = 86_400_000;

describe('a timeout longer than Node keeps', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs after thirty days, not after the 24.8 days a Node timer can wait', () => {
    const run = jest.fn();
    setLongTimeout(run, 30 * DAY_MS);
    jest.advanceTimersByTime(25 * DAY_MS);
    expect(run).not.toHaveBeenCalled();
    jest.advanceTimersByTime(5 * DAY_MS - 1);
    expect(run).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs a short or past delay as a plain timeout would, and never once cleared', () => {
    const soon = jest.fn();
    const past = jest.fn();
    const cleared = jest.fn();
    setLongTimeout(soon, 1000);
    setLongTimeout(past, -5);
    setLongTimeout(cleared, 40 * DAY_MS).clear();
    jest.advanceTimersByTime(0);
    expect(past).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(999);
    expect(soon).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(soon).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(50 * DAY_MS);
    expect(cleared).not.toHaveBeenCalled();
  });
});
