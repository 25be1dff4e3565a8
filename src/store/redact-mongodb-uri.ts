/**
 * The URI with the password of its user info replaced by `***`, for logs and `location`.
 * Works on multi-host URIs (`mongodb://u:p@a:1,b:2/db`), which `new URL` refuses.
 */
export function redactMongodbUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}
