import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mapSendAnswer } from '../map-send-answer';
import { mapTokenAnswer } from '../map-token-answer';

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, '../fixtures', name), 'utf8'));

describe('reading ZNS answers', () => {
  it('reads a success sent with every number as a string', () => {
    expect(mapSendAnswer(fixture('send-success-strings.json'))).toEqual({
      kind: 'sent',
      msgId: '2b3c9d7e8f0a4b1c9d2e3f4a5b6c7d8e',
      sentAt: '2024-03-15T02:20:00.000Z',
      remainingQuota: 499,
    });
  });

  it('reads a success with numbers and no quota', () => {
    expect(mapSendAnswer(fixture('send-success-bare.json'))).toEqual({ kind: 'sent', msgId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', sentAt: '2024-03-15T02:20:00.000Z', remainingQuota: null });
  });

  it('reads an error code sent as a string', () => {
    expect(mapSendAnswer(fixture('send-phone-invalid-code-as-string.json'))).toEqual({ kind: 'error', code: -108, message: 'Phone number is invalid', msgId: null });
  });

  it('answers null for a body without an error field, which is no ZNS answer', () => {
    expect(mapSendAnswer(fixture('send-no-error-field.json'))).toBeNull();
    expect(mapSendAnswer('<html>')).toBeNull();
  });

  it('answers null for error 0 without a msg_id: nothing proves a message was taken', () => {
    expect(mapSendAnswer({ error: 0, message: 'Success', data: {} })).toBeNull();
  });
});

describe('reading Zalo OAuth answers', () => {
  it('reads a refresh whose expires_in is a string of seconds', () => {
    expect(mapTokenAnswer(fixture('token-refresh-expires-as-string.json'))).toEqual({
      kind: 'tokens',
      accessToken: 'Wf2s4iYy3aN1k-ExampleAccessToken',
      refreshToken: 'Hq8d9xR2-ExampleRefreshToken',
      expiresInSeconds: 90000,
    });
  });

  it('reads a spent refresh token as an error with its code and description', () => {
    expect(mapTokenAnswer(fixture('token-refresh-spent.json'))).toEqual({ kind: 'error', code: -14020, description: 'Refresh token is invalid or has been used' });
  });

  it('treats an answer without a new refresh token as an error, since the old one is spent', () => {
    expect(mapTokenAnswer(fixture('token-refresh-without-refresh-token.json'))).toMatchObject({ kind: 'error', code: null });
  });
});
