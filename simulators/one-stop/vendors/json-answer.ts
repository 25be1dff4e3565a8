import type { SimResponse } from '../../kit';

/** A JSON answer with the content type real servers send. */
export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}
