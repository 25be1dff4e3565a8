import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

/**
 * The GraphQL playground (GraphiQL, as rendered by @graphql-yoga/render-graphiql): one
 * self-contained page, scripts, styles and editor workers inline, no external URL, so it
 * works on closed government networks. About 9 MB, so it is built once on first request,
 * served gzipped with an ETag, and never loaded when the playground is turned off. The page
 * holds no data and needs no token; the requests it makes to `endpoint` do.
 */
export function registerPlayground(app: FastifyInstance, { path = '/playground', endpoint = '/graphql' } = {}): void {
  let page: { gzip: Buffer; etag: string } | null = null;
  const build = (): { gzip: Buffer; etag: string } => {
    // Required lazily: the renderer is large and only needed when someone opens the page.
    const { renderGraphiQL } = require('@graphql-yoga/render-graphiql') as typeof import('@graphql-yoga/render-graphiql');
    const html = renderGraphiQL({
      endpoint,
      title: 'lienthong playground',
      defaultQuery: DEFAULT_QUERY,
    });
    return { gzip: gzipSync(html), etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"` };
  };
  app.get(path, { config: { access: 'public' } }, async (req, reply) => {
    page ??= build();
    if (req.headers['if-none-match'] === page.etag) return reply.status(304).send();
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-encoding', 'gzip')
      .header('cache-control', 'public, max-age=3600')
      .header('etag', page.etag)
      .send(page.gzip);
  });
}

const DEFAULT_QUERY = `# lienthong: one GraphQL API over the national procedure database,
# the provinces' one-stop systems and the document exchange.
query KhaiSinh {
  procedures(filter: { text: "khai sinh" }, first: 5) {
    totalCount
    freshness { stale asOf }
    nodes {
      code
      name
      levels
      sectors { name }
      channels { channel timeLimits { duration unit fees { amount currency } } }
      implementingAgencies { code name level }
    }
  }
}
`;
