import type { FastifyInstance } from 'fastify';
import { runInRequestContext } from '../../connectors/kit';

/**
 * Runs each request's handler in its request context (`connectors/kit/request-context`),
 * so every upstream call made for it carries its id as `x-request-id` and one id follows
 * the request through the sources' logs. Entered at `preHandler`, after the body is read
 * (reading it leaves the context), so the handler and everything it starts inherit it.
 */
export function registerRequestContext(app: FastifyInstance): void {
  app.addHook('preHandler', (req, _reply, done) => runInRequestContext({ requestId: req.id }, done));
}
