import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../src/notifications';

/** One call a receiver got, with the verdict on its signature as a receiver must check it. */
export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  /** `verifyWebhookSignature` on the raw body with the receiver's secret, at the time it arrived. */
  verdict: ReturnType<typeof verifyWebhookSignature>;
  /** The HTTP status it was answered with. */
  answered: number;
}

export interface WebhookReceiver {
  /** Where to register it. */
  readonly url: string;
  readonly calls: ReceivedCall[];
  /** The secret calls are verified with; set once the registration answered it. */
  secret: string | null;
  /** Answers the next calls with these statuses, in order; then 204. */
  failNext(...statuses: number[]): void;
  /** Resolves once `count` calls answered 2xx have arrived (or rejects after `timeoutMs`). */
  waitForDeliveries(count: number, timeoutMs?: number): Promise<ReceivedCall[]>;
  close(): Promise<void>;
}

/**
 * An agency application's webhook endpoint on loopback (node:http), as the tests register
 * it: keeps every call with its raw body and checks its signature the way
 * `docs/notifications.md` tells receivers to, answering 204 unless told to fail.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const calls: ReceivedCall[] = [];
  const failures: number[] = [];
  const waiters: Array<() => void> = [];
  const receiver = {
    url: '',
    calls,
    secret: null as string | null,
    failNext: (...statuses: number[]) => void failures.push(...statuses),
    async waitForDeliveries(count: number, timeoutMs = 20_000) {
      const delivered = () => calls.filter((c) => c.answered < 300);
      const deadline = Date.now() + timeoutMs;
      while (delivered().length < count) {
        if (Date.now() > deadline) throw new Error(`the receiver got ${delivered().length} delivered calls in ${timeoutMs} ms, not ${count}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50);
          waiters.push(() => (clearTimeout(timer), resolve()));
        });
      }
      return delivered();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answered = failures.shift() ?? 204;
      const verdict = verifyWebhookSignature({ body, header: req.headers['x-lienthong-signature'] as string | undefined, secrets: receiver.secret ? [receiver.secret] : [] });
      calls.push({ headers: req.headers, body, verdict, answered });
      res.writeHead(answered).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/lienthong`;
  return receiver;
}
