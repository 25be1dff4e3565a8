import { createTurnLimiter } from '../create-turn-limiter';

/** One turn of the event loop later: an immediate queued from inside an immediate runs after the next poll phase. */
const nextLoopTurn = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

describe('the turn limiter of subscription events', () => {
  it('starts at most its number of tasks per turn of the event loop, the rest in later turns, in the order asked', async () => {
    const limiter = createTurnLimiter(16);
    const started: number[] = [];
    for (let i = 0; i < 40; i++) void limiter.take().then(() => started.push(i));
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toHaveLength(16);
    // I/O would be polled here, between one turn's tasks and the next's.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(32);
    await nextLoopTurn();
    expect(started).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('lets a lone task start at once, and gives the room back in the next turn', async () => {
    const limiter = createTurnLimiter(2);
    let started = false;
    void limiter.take().then(() => (started = true));
    await Promise.resolve();
    expect(started).toBe(true);
    await nextLoopTurn();
    await nextLoopTurn();
    // Room given back: two more start at once.
    const both: number[] = [];
    void limiter.take().then(() => both.push(1));
    void limiter.take().then(() => both.push(2));
    await Promise.resolve();
    expect(both).toEqual([1, 2]);
  });
});
