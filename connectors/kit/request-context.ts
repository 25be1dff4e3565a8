import { AsyncLocalStorage } from 'node:async_hooks';

/** What the gateway knows about the client request an upstream call is made for. */
export interface RequestContext {
  /** The gateway's request id (`x-request-id`), sent upstream so one id follows a request through every system. */
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs `fn` as the work of one client request: every upstream call started inside it,
 * however deep in resolvers, loaders and retries, carries `context.requestId` as its
 * `x-request-id` header. Work started outside any request (a sync pass, a catalogue
 * refresh) carries none.
 */
export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The request id of the client request the caller is working for, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
