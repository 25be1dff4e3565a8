/** What a path segment may hold unencoded: RFC 3986 `pchar` without `;`, plus `%` of an encoding. */
const SEGMENT_CHARACTERS = /[^A-Za-z0-9\-._~!$&'()*+,=:@%]/;
/** RFC 3986 §2.3: letters, digits and `-._~` mean the same encoded or not, so encoding them only disguises a path. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * Why a request target is not the one canonical spelling of a path, or null when it is.
 * The router decodes percent-encodings before it matches a route, so `/%67raphql` and
 * `/graphql` reach the same handler; anything that lets two spellings reach one route is
 * refused here, before routing decisions made on the raw URL could differ from the
 * route that runs. The rule, per segment of the path (the query string is not part of it):
 *
 * - the target is in origin form (starts with `/`; no absolute URL, no `*`);
 * - no empty segment (`//`, a trailing `/`) and no dot segment (`.`, `..`, encoded or not);
 * - unencoded, only RFC 3986 `pchar` without `;` (so no `\`, `#`, `;`, space or non-ASCII);
 * - no percent-encoded letter, digit or `-._~`; every `%` starts two hex digits;
 * - the encodings decode as UTF-8 (overlong and truncated sequences are refused);
 * - decoded, no control character, `/`, `\` or `%` (double encoding).
 *
 * What passes may still name no route; that answers 404.
 */
export function canonicalPathProblem(target: string): string | null {
  const query = target.indexOf('?');
  const path = query < 0 ? target : target.slice(0, query);
  if (!path.startsWith('/')) return 'the request target must be a path starting with "/"';
  if (path === '/') return null;
  for (const segment of path.slice(1).split('/')) {
    const problem = segmentProblem(segment);
    if (problem) return problem;
  }
  return null;
}

function segmentProblem(segment: string): string | null {
  if (segment === '') return 'it has an empty segment ("//" or a trailing "/")';
  const unexpected = SEGMENT_CHARACTERS.exec(segment);
  if (unexpected) return `it holds ${JSON.stringify(unexpected[0])} unencoded`;
  for (let at = segment.indexOf('%'); at >= 0; at = segment.indexOf('%', at + 1)) {
    const hex = segment.slice(at + 1, at + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return 'it has a "%" that does not start a percent-encoding';
    const character = String.fromCharCode(parseInt(hex, 16));
    if (UNRESERVED.test(character)) return `it encodes ${JSON.stringify(character)} as %${hex}, which must be written as is`;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return 'its percent-encodings are not UTF-8';
  }
  if (decoded === '.' || decoded === '..') return 'it has a dot segment';
  const forbidden = /[\u0000-\u001f\u007f-\u009f/\\%]/.exec(decoded);
  if (forbidden) return `it encodes ${JSON.stringify(forbidden[0])}`;
  return null;
}
