import path from 'node:path';
import { createWorkerPool, type WorkerPool } from '../create-worker-pool';

const TEST_WORKER = path.join(__dirname, '../testing/test-worker');

describe('the worker pool', () => {
  const pools: WorkerPool[] = [];
  const poolOf = (options: Partial<Parameters<typeof createWorkerPool>[0]> = {}) => {
    const pool = createWorkerPool({ modulePath: TEST_WORKER, size: 2, ...options });
    pools.push(pool);
    return pool;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it('runs a job in a worker thread and returns its answer, starting no worker before a job needs one', async () => {
    const pool = poolOf();
    expect(pool.stats.workers).toBe(0);
    expect(await pool.run({ kind: 'echo', value: { a: [1, 'hai'] } })).toEqual({ a: [1, 'hai'] });
    expect(pool.stats.workers).toBe(1);
  });

  it('hands a transferred buffer over instead of copying it', async () => {
    const bytes = new Uint8Array(1024);
    expect(await poolOf().run({ kind: 'length', bytes }, [bytes.buffer])).toBe(1024);
    expect(bytes.byteLength).toBe(0);
  });

  it('runs as many jobs at once as it has workers, and queues the rest', async () => {
    const pool = poolOf({ size: 2 });
    const jobs = [pool.run({ kind: 'sleep', ms: 300 }), pool.run({ kind: 'sleep', ms: 300 }), pool.run({ kind: 'sleep', ms: 300 })];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool.stats).toMatchObject({ workers: 2, running: 2, queued: 1 });
    await Promise.all(jobs);
    expect(pool.stats).toMatchObject({ running: 0, queued: 0, completed: 3 });
  });

  it('keeps the event loop free while a worker is busy', async () => {
    const pool = poolOf({ size: 1 });
    const busy = pool.run({ kind: 'sleep', ms: 600 });
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A timer of 20 ms fires long before the 600 ms job ends: the job is not on this thread.
    expect(Date.now() - started).toBeLessThan(400);
    await busy;
  });

  it('refuses a job at once when the queue is full', async () => {
    const pool = poolOf({ size: 1, maxQueue: 1 });
    const running = pool.run({ kind: 'sleep', ms: 200 });
    const waiting = pool.run({ kind: 'echo', value: 1 });
    await expect(pool.run({ kind: 'echo', value: 2 })).rejects.toThrow("the worker pool's queue is full (1 jobs waiting)");
    await Promise.all([running, waiting]);
  });

  it("fails a job the worker reports failed, and keeps the worker", async () => {
    const pool = poolOf({ size: 1 });
    await expect(pool.run({ kind: 'fail' })).rejects.toThrow('the job failed as asked');
    expect(await pool.run({ kind: 'echo', value: 'vẫn chạy' })).toBe('vẫn chạy');
    expect(pool.stats.restarts).toBe(0);
  });

  it('replaces a worker that dies, failing only its own job', async () => {
    const pool = poolOf({ size: 1 });
    await expect(pool.run({ kind: 'crash' })).rejects.toThrow('the worker stopped (exit code 3)');
    expect(pool.stats).toMatchObject({ workers: 0, restarts: 1 });
    expect(await pool.run({ kind: 'echo', value: 'tiếp' })).toBe('tiếp');
    expect(pool.stats).toMatchObject({ workers: 1, restarts: 1 });
  });

  it('stops a job at its deadline and replaces the worker', async () => {
    const pool = poolOf({ size: 1, timeoutMs: 200 });
    await expect(pool.run({ kind: 'sleep', ms: 5000 })).rejects.toThrow('the job did not finish within 200 ms; its worker was stopped');
    expect(await pool.run({ kind: 'echo', value: 'sau' })).toBe('sau');
  });

  it('stops restarting workers that cannot start, and says why', async () => {
    const pool = poolOf({ size: 1, workerData: { failAtStart: true } });
    // Each job starts a worker that dies as it starts; after the third failure in a row the pool gives up.
    for (const value of [1, 2, 3]) await expect(pool.run({ kind: 'echo', value })).rejects.toThrow('this worker cannot start');
    await expect(pool.run({ kind: 'echo', value: 1 })).rejects.toThrow(/stopped restarting workers after 3 failures in a row; the last: this worker cannot start/);
  });

  it('refuses jobs once closed', async () => {
    const pool = poolOf();
    await pool.close();
    await expect(pool.run({ kind: 'echo', value: 1 })).rejects.toThrow('the worker pool is closed');
  });
});
