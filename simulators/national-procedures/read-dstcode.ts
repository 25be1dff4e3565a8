import type { SimRequest } from '../kit';

/**
 * The routing code of a request: the `dstcode` header, or when there is none the
 * `?dstcode=` query parameter (some deployments use one, some the other).
 */
export function readDstcode(req: SimRequest): string | undefined {
  const header = req.headers.dstcode;
  const value = Array.isArray(header) ? header[0] : header;
  return value ?? req.query.get('dstcode') ?? undefined;
}
