import type { SimServer } from '../../../simulators/kit';
import { isGatewayError } from '../../../src/errors';
import type { Connector } from '../connector';
import type { ResilienceOptions } from '../resilience-options';

/** What one connector's contract run needs: a simulator, the connector on it, and one typical read. */
export interface ConnectorContractSubject {
  sim: SimServer;
  connector: Connector;
  /** A typical read through the connector; resolves to something non-empty on success. */
  read(): Promise<unknown>;
  /** Makes the simulator answer the next read with its own protocol-level error, if it has one. */
  provokeSourceError?(): Promise<void> | void;
  /** Calls the read starts at once, each retried on its own (e.g. two listings read side by side). @default 1 */
  parallelCalls?: number;
  /**
   * The typical call is a write (a push, a message sent): the kit never retries it, since
   * it may have landed; only the caller, who knows, does. @default false
   */
  writes?: boolean;
  close(): Promise<void>;
}

/** What `setup` must build the connector with. */
export interface ConnectorContractOptions {
  timeoutMs: number;
  /** Must reach the connector's resilience layer unchanged. */
  resilience: ResilienceOptions;
}

/** Short waits between retries, so the suite runs fast; the breaker stays out of the way of the plain failure tests. */
const RETRIES = { count: 2, baseDelayMs: 20, maxDelayMs: 60 };
const PLAIN: ResilienceOptions = { retries: RETRIES, breaker: { enabled: false } };
/** A breaker that opens after three failed attempts (one read and its two retries) and tries again soon. */
const TRIPPY: ResilienceOptions = { retries: RETRIES, breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, windowMs: 60_000, resetTimeoutMs: 400 } };

/** Waits until the connector has no call under way (a read that failed early may leave others finishing). */
async function settled(subject: ConnectorContractSubject): Promise<void> {
  for (let waited = 0; subject.connector.resilience.snapshot().active > 0; waited += 10) {
    if (waited > 10_000) throw new Error('the connector still has calls under way after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The contract every connector must keep (Apollo's defineIntegrationTestSuite pattern):
 * success, a source that fails, hangs past the deadline, answers garbage, or drops the
 * connection — each gives its catalogue error naming the source, and the connector works
 * again once the source recovers; a failed read is retried as configured (so the
 * connector marks its reads idempotent); the source's breaker opens after repeated
 * failures, fails fast without reaching the source, shows in the readiness report, and
 * closes after a successful trial. `setup` must configure the connector with `timeoutMs`
 * and `resilience`.
 */
export function defineConnectorContractTests(
  name: string,
  setup: (options: ConnectorContractOptions) => Promise<ConnectorContractSubject>,
  /** `sourceErrors: false` for a source whose protocol has no error answer a valid read can provoke. */
  { sourceErrors = true }: { sourceErrors?: boolean } = {},
): void {
  const timeoutMs = 400;

  describe(`connector contract: ${name}`, () => {
    let subject: ConnectorContractSubject;
    beforeAll(async () => {
      subject = await setup({ timeoutMs, resilience: PLAIN });
    });
    afterAll(() => subject.close());
    afterEach(async () => {
      await settled(subject);
      subject.sim.setFault({ mode: 'none' });
    });

    const failure = (): Promise<unknown> => readFailure(subject);

    it('reads through the source and reports ready', async () => {
      const value = await subject.read();
      expect(value).toBeTruthy();
      const report = await subject.connector.checkReady();
      expect(report).toMatchObject({ source: subject.connector.name, ok: true });
    });

    it('reports UPSTREAM_UNAVAILABLE naming the source when it answers HTTP 503', async () => {
      subject.sim.setFault({ mode: 'fail', status: 503 });
      const err = await failure();
      expect(isGatewayError(err) && err.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: subject.connector.name });
    });

    it('reports UPSTREAM_TIMEOUT within the configured timeout when the source hangs', async () => {
      subject.sim.setFault({ mode: 'hang' });
      const started = Date.now();
      const err = await failure();
      expect(isGatewayError(err) && err.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', source: subject.connector.name });
      // Generous bound: a read may be two calls (login, then the call), each with the deadline.
      expect(Date.now() - started).toBeLessThan(timeoutMs * 2 + 1500);
    });

    it('reports UPSTREAM_BAD_RESPONSE when the source answers garbage', async () => {
      subject.sim.setFault({ mode: 'garbage' });
      const err = await failure();
      expect(isGatewayError(err) && err.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', source: subject.connector.name });
    });

    it('reports UPSTREAM_UNAVAILABLE when the source drops the connection', async () => {
      subject.sim.setFault({ mode: 'reset' });
      const err = await failure();
      expect(isGatewayError(err) && err.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: subject.connector.name });
    });

    it('reports a coded error, not ready, from its readiness check while the source is down', async () => {
      subject.sim.setFault({ mode: 'fail', status: 502 });
      const report = await subject.connector.checkReady();
      expect(report).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE' } });
    });

    (sourceErrors ? it : it.skip)('reports the source\'s own error as UPSTREAM_ERROR with its code', async () => {
      if (!subject.provokeSourceError) throw new Error('the subject must provide provokeSourceError, or the suite be defined with sourceErrors: false');
      await subject.provokeSourceError();
      const err = await failure();
      expect(isGatewayError(err) && err.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', source: subject.connector.name });
      expect(isGatewayError(err) && err.extensions.upstreamCode).toBeDefined();
    });

    it('works again once the source recovers', async () => {
      subject.sim.setFault({ mode: 'fail' });
      await failure();
      subject.sim.setFault({ mode: 'none' });
      await expect(subject.read()).resolves.toBeTruthy();
    });

    it('sends a read that keeps failing three times in all (once and two retries), and a write once', async () => {
      subject.sim.setFault({ mode: 'fail', status: 503 });
      subject.sim.resetStats();
      await failure();
      // A read of several calls fails with the first; the others finish their retries.
      await settled(subject);
      expect(subject.sim.stats.requests).toBe((subject.writes ? 1 : 3) * (subject.parallelCalls ?? 1));
    });
  });

  describe(`connector resilience contract: ${name}`, () => {
    let subject: ConnectorContractSubject;
    beforeAll(async () => {
      subject = await setup({ timeoutMs, resilience: TRIPPY });
    });
    afterAll(() => subject.close());
    afterEach(async () => {
      await settled(subject);
      subject.sim.setFault({ mode: 'none' });
    });

    const failure = (): Promise<unknown> => readFailure(subject);

    /** Waits until the breaker reaches `state`, polling; fails after 5 s. */
    async function breakerBecomes(state: string): Promise<void> {
      for (let waited = 0; subject.connector.resilience.state() !== state; waited += 25) {
        if (waited > 5000) throw new Error(`the breaker stayed ${subject.connector.resilience.state()}, expected ${state}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }

    /** Three failed attempts open the breaker: one read and its retries, or three writes. */
    async function openBreaker(): Promise<void> {
      subject.sim.setFault({ mode: 'fail', status: 503 });
      for (let i = 0; i < (subject.writes ? 3 : 1); i++) await failure();
      expect(subject.connector.resilience.state()).toBe('open');
    }

    it('opens its breaker after repeated failures, then fails fast without calling the source, and reports not ready', async () => {
      await openBreaker();
      subject.sim.resetStats();
      const err = await failure();
      expect(isGatewayError(err) && err.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: subject.connector.name, breaker: 'open' });
      const report = await subject.connector.checkReady();
      expect(report).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE' }, breaker: { state: 'open' } });
      expect(subject.sim.stats.requests).toBe(0);
    });

    it('lets a trial call through once half-open and closes when the source answers again', async () => {
      if (subject.connector.resilience.state() !== 'open') await openBreaker();
      subject.sim.setFault({ mode: 'none' });
      await breakerBecomes('halfOpen');
      // The readiness probe is a single call: the trial (a read may start several at once, and only one is let through).
      const report = await subject.connector.checkReady();
      expect(report).toMatchObject({ ok: true, breaker: { state: 'closed' } });
      await expect(subject.read()).resolves.toBeTruthy();
    });

    it('opens again when the trial call fails', async () => {
      await openBreaker();
      await breakerBecomes('halfOpen');
      subject.sim.resetStats();
      await failure();
      await settled(subject);
      expect(subject.connector.resilience.state()).toBe('open');
      // The trial and nothing else reached the source.
      expect(subject.sim.stats.requests).toBe(1);
      subject.sim.setFault({ mode: 'none' });
      await breakerBecomes('halfOpen');
      await expect(subject.connector.checkReady()).resolves.toMatchObject({ ok: true, breaker: { state: 'closed' } });
      await expect(subject.read()).resolves.toBeTruthy();
    });
  });
}

/** The error a read fails with; a read that succeeds fails the test, naming what it returned. */
function readFailure(subject: ConnectorContractSubject): Promise<unknown> {
  return subject.read().then(
    (value) => {
      throw new Error(`expected the read to fail, it returned ${JSON.stringify(value)?.slice(0, 200)}`);
    },
    (err: unknown) => err,
  );
}
