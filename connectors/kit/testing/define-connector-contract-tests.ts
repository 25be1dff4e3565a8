import type { SimServer } from '../../../simulators/kit';
import { isGatewayError } from '../../../src/errors';
import type { Connector } from '../connector';

/** What one connector's contract run needs: a simulator, the connector on it, and one typical read. */
export interface ConnectorContractSubject {
  sim: SimServer;
  connector: Connector;
  /** A typical read through the connector; resolves to something non-empty on success. */
  read(): Promise<unknown>;
  /** Makes the simulator answer the next read with its own protocol-level error, if it has one. */
  provokeSourceError?(): Promise<void> | void;
  close(): Promise<void>;
}

/**
 * The contract every connector must keep (Apollo's defineIntegrationTestSuite pattern):
 * success, a source that fails, hangs past the deadline, answers garbage, or drops the
 * connection — each gives its catalogue error naming the source, and the connector works
 * again once the source recovers. `setup` must configure the connector with `timeoutMs`.
 */
export function defineConnectorContractTests(
  name: string,
  setup: (options: { timeoutMs: number }) => Promise<ConnectorContractSubject>,
  /** `sourceErrors: false` for a source whose protocol has no error answer a valid read can provoke. */
  { sourceErrors = true }: { sourceErrors?: boolean } = {},
): void {
  const timeoutMs = 400;

  describe(`connector contract: ${name}`, () => {
    let subject: ConnectorContractSubject;
    beforeAll(async () => {
      subject = await setup({ timeoutMs });
    });
    afterAll(() => subject.close());
    afterEach(() => subject.sim.setFault({ mode: 'none' }));

    const failure = async (): Promise<unknown> => subject.read().then(
      (value) => {
        throw new Error(`expected the read to fail, it returned ${JSON.stringify(value)?.slice(0, 200)}`);
      },
      (err: unknown) => err,
    );

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
  });
}
