import { createLimiter } from '../create-limiter';

const later = () => Date.now() + 10_000;

describe('createLimiter', () => {
  it('gives places up to maxInFlight, then lines calls up first come, first served', async () => {
    const limiter = createLimiter('src', { maxInFlight: 2, maxQueued: 5 });
    const first = await limiter.acquire(later());
    const second = await limiter.acquire(later());
    const order: string[] = [];
    const third = limiter.acquire(later()).then((release) => (order.push('third'), release));
    const fourth = limiter.acquire(later()).then((release) => (order.push('fourth'), release));
    expect({ inFlight: limiter.inFlight, queued: limiter.queued }).toEqual({ inFlight: 2, queued: 2 });
    first();
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual(['third', 'fourth']);
    expect({ inFlight: limiter.inFlight, queued: limiter.queued }).toEqual({ inFlight: 0, queued: 0 });
  });

  it('refuses at once with UPSTREAM_UNAVAILABLE OVERLOADED when the line is full', async () => {
    const limiter = createLimiter('province-h41', { maxInFlight: 1, maxQueued: 1 });
    const held = await limiter.acquire(later());
    const waiting = limiter.acquire(later());
    await expect(limiter.acquire(later())).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { source: 'province-h41', reason: 'OVERLOADED' } });
    held();
    (await waiting)();
  });

  it('takes a call out of line with UPSTREAM_TIMEOUT when its deadline passes, and gives its place to no one', async () => {
    const limiter = createLimiter('src', { maxInFlight: 1, maxQueued: 3 });
    const held = await limiter.acquire(later());
    await expect(limiter.acquire(Date.now() + 30)).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT', extensions: { reason: 'QUEUED' } });
    expect(limiter.queued).toBe(0);
    held();
    expect(limiter.inFlight).toBe(0);
  });

  it('does not hand a place to a call whose deadline came while its timer had not yet run', async () => {
    const limiter = createLimiter('src', { maxInFlight: 1, maxQueued: 3 });
    const held = await limiter.acquire(later());
    const due = limiter.acquire(Date.now() + 20);
    // Block the event loop past the deadline, so the release comes before the waiter's timer.
    const until = Date.now() + 40;
    while (Date.now() < until);
    held();
    await expect(due).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT', extensions: { reason: 'QUEUED' } });
    expect({ inFlight: limiter.inFlight, queued: limiter.queued }).toEqual({ inFlight: 0, queued: 0 });
  });

  it('counts a place given back twice only once', async () => {
    const limiter = createLimiter('src', { maxInFlight: 2, maxQueued: 0 });
    const release = await limiter.acquire(later());
    await limiter.acquire(later());
    release();
    release();
    expect(limiter.inFlight).toBe(1);
  });

  it('refuses the calls still in line when it closes', async () => {
    const limiter = createLimiter('src', { maxInFlight: 1, maxQueued: 2 });
    await limiter.acquire(later());
    const waiting = limiter.acquire(later());
    limiter.close();
    await expect(waiting).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });
});
