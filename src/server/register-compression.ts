import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Compresses responses larger than `thresholdBytes` (brotli at quality 4, gzip or deflate,
 * as the client's Accept-Encoding prefers) — GraphQL answers are repetitive JSON and
 * shrink several times over. A route that compresses its own body (the playground) or
 * sets `compress: false` is left alone. `thresholdBytes: 0` registers nothing.
 *
 * BREACH, which reads secrets from the sizes of compressed answers, needs the victim's
 * browser to send authenticated requests an attacker chooses: the gateway authenticates by
 * a bearer token a page must set itself, never by a cookie, so no such request exists.
 * Request bodies sent compressed are inflated within `server.bodyLimitBytes`, counted
 * after inflation.
 */
export async function registerCompression(app: FastifyInstance, { thresholdBytes }: { thresholdBytes: number }): Promise<void> {
  if (thresholdBytes === 0) return;
  await app.register(compress, { threshold: thresholdBytes, encodings: ['br', 'gzip', 'deflate'] });
}
