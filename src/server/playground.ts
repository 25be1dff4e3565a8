import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { renderPlaygroundPage, type PlaygroundPageOptions } from './render-playground-page';

export type { PlaygroundPrincipal, PlaygroundTab } from './render-playground-page';

export interface PlaygroundOptions extends PlaygroundPageOptions {
  /** Where the page is served. @default ['/', '/playground'] */
  paths?: readonly string[];
}

/**
 * Only what this page needs, so nothing it holds can be sent elsewhere or pulled in from
 * elsewhere: inline scripts and styles, editor workers from blob: URLs, requests to this
 * gateway only, no frames, no forms.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline' blob:",
  'worker-src blob:',
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The GraphQL playground (GraphiQL with a bar choosing who requests are sent as; see
 * `renderPlaygroundPage`), at `/` and `/playground`. It works on closed government
 * networks: one self-contained page, and a Content-Security-Policy that lets it load and
 * call nothing but this gateway. About 9 MB, so it is built once on first request, served
 * gzipped with an ETag (and never compressed again), and never built when the playground is
 * off. The page is public: it serves no data, and the requests it makes need a token.
 *
 * It holds tokens only when `principals` are given, which only the demo does: they are
 * never read from a configuration file. Such a page is then private to the browser and
 * revalidated on every load, so a restarted demo's new tokens are picked up.
 */
export function registerPlayground(app: FastifyInstance, { paths = ['/', '/playground'], ...page }: PlaygroundOptions = {}): void {
  let built: { gzip: Buffer; etag: string } | null = null;
  let plain: Buffer | null = null;
  const build = (): { gzip: Buffer; etag: string } => {
    const html = renderPlaygroundPage(page);
    return { gzip: gzipSync(html), etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"` };
  };
  const holdsTokens = (page.principals ?? []).length > 0;
  for (const path of paths) {
    // compress: false — the page is gzipped once here; @fastify/compress must leave it alone.
    app.get(path, { config: { access: 'public' }, compress: false }, async (req, reply) => {
      built ??= build();
      void reply
        .header('cache-control', holdsTokens ? 'private, no-cache' : 'public, no-cache')
        .header('etag', built.etag)
        .header('vary', 'accept-encoding')
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer');
      if (req.headers['if-none-match'] === built.etag) return reply.status(304).send();
      void reply.header('content-type', 'text/html; charset=utf-8');
      // Every browser accepts gzip; a client that does not gets the page as it is.
      // Unpacked once, kept: unauthenticated clients must not make the gateway inflate 9 MB per request.
      if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.send((plain ??= gunzipSync(built.gzip)));
      return reply.header('content-encoding', 'gzip').send(built.gzip);
    });
  }
}
