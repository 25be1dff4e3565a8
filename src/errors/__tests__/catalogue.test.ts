import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CATALOGUE, ERROR_CODES, isErrorCode } from '../catalogue';
import { GatewayError } from '../gateway-error';

const docs = readFileSync(path.join(__dirname, '../../../docs/errors.md'), 'utf8');
/** Rows of the docs table: `| \`CODE\` | status | description |`. */
const documented = [...docs.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => ({ code: m[1]!, status: Number(m[2]) }));

describe('the error catalogue', () => {
  it('lists in docs/errors.md exactly the codes of the catalogue, in the same order', () => {
    expect(documented.map((d) => d.code)).toEqual(ERROR_CODES);
  });

  it('documents the HTTP status of every code as the catalogue has it', () => {
    for (const { code, status } of documented) {
      expect({ code, status }).toEqual({ code, status: ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].httpStatus });
    }
  });

  it('names every code in upper snake case and describes it', () => {
    for (const code of ERROR_CODES) {
      expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
      expect(ERROR_CATALOGUE[code].description.length).toBeGreaterThan(20);
    }
  });

  it('recognises catalogue codes and nothing else', () => {
    expect(isErrorCode('UPSTREAM_TIMEOUT')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('ECONNREFUSED')).toBe(false);
  });

  it('carries the code and source in extensions', () => {
    const err = new GatewayError('UPSTREAM_TIMEOUT', 'slow', { source: 'national-procedures' });
    expect(err.extensions).toEqual({ code: 'UPSTREAM_TIMEOUT', source: 'national-procedures' });
    expect(err.sourceName).toBe('national-procedures');
  });
});
