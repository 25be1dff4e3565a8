import cors from '@fastify/cors';
import type { FastifyInstance, RouteOptions } from 'fastify';

export interface CorsOptions {
  /** Browser origins allowed to call the API (`https://host[:port]`); none answers no cross-origin request. */
  origins: readonly string[];
  /** Seconds a browser may keep a preflight's answer. */
  maxAgeSeconds: number;
}

/**
 * Cross-origin requests from the configured browser origins only (@fastify/cors). Nothing
 * is registered without origins: then no response carries CORS headers and a browser on
 * another origin cannot read any answer.
 *
 * A preflight (OPTIONS) carries no token, as browsers send it: its route is public, and it
 * answers 204 with the allowed methods and headers to a listed origin, 404 NOT_FOUND to any
 * other. No cookie is ever allowed (`credentials` stays off): callers send bearer tokens.
 * Call it before registering authentication, so the preflight route is declared public
 * when authentication sees it.
 */
export async function registerCors(app: FastifyInstance, { origins, maxAgeSeconds }: CorsOptions): Promise<void> {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.method === 'OPTIONS' && route.url === '*') route.config = { ...route.config, access: 'public' };
  });
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'accept', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: maxAgeSeconds,
    strictPreflight: true,
  });
}
