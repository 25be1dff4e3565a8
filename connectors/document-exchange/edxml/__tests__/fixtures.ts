import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GatewayError } from '../../../../src/errors';

/** The recorded messages, kept byte for byte as received (fixtures/README.md, checked by fixtures.test.ts). */
export const FIXTURES_DIR = path.join(__dirname, '../../fixtures');

export const SAMPLE_FILES = [
  'edoc_new.vpcp-sdk.edxml',
  'status_inbox_01.edxml',
  'status_rejection_02.edxml',
  'status_acceptance_03.edxml',
  'status_processing_05.edxml',
  'status_finish_06.edxml',
] as const;

export const STATUS_FILES = SAMPLE_FILES.filter((file) => file.startsWith('status_'));

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(path.join(FIXTURES_DIR, name));
}

/** Runs `fn`, expects it to throw a GatewayError with `code`, and returns the error for further checks. */
export function expectGatewayError(fn: () => unknown, code: string): GatewayError {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(GatewayError);
  expect((thrown as GatewayError).extensions.code).toBe(code);
  return thrown as GatewayError;
}
