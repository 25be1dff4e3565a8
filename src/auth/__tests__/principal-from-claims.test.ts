import { GatewayError } from '../../errors';
import { parseScopes } from '../parse-scopes';
import { principalFromClaims } from '../principal-from-claims';

function refusalOf(run: () => unknown): { reason: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return { reason: error.extensions.reason, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('scopes', () => {
  it('reads a space-separated scope string and ignores scopes the gateway does not know', () => {
    expect(parseScopes('openid  profile procedures:read\tdossiers:read email', undefined)).toEqual(new Set(['procedures:read', 'dossiers:read']));
  });

  it('reads an scp array, an scp string, and the union of scope and scp', () => {
    expect(parseScopes(undefined, ['pii:read', 'offline_access'])).toEqual(new Set(['pii:read']));
    expect(parseScopes(undefined, 'audit:read sync:admin')).toEqual(new Set(['audit:read', 'sync:admin']));
    expect(parseScopes('documents:read', ['documents:send'])).toEqual(new Set(['documents:read', 'documents:send']));
  });

  it('grants nothing when neither claim is present', () => {
    expect(parseScopes(undefined, undefined)).toEqual(new Set());
  });

  it('does not take a scope name for a prefix or in another case', () => {
    expect(parseScopes('procedures:read:all PII:READ dossiers', undefined)).toEqual(new Set());
  });

  it('returns null when a scope claim has another type', () => {
    expect(parseScopes(['procedures:read'], undefined)).toBeNull();
    expect(parseScopes(undefined, ['procedures:read', 3])).toBeNull();
    expect(parseScopes(undefined, { 'procedures:read': true })).toBeNull();
  });
});

describe('the principal of verified claims', () => {
  it('takes client_id over azp, sub, jti, the agency and the scopes', () => {
    expect(principalFromClaims({ client_id: 'one-stop', azp: 'other', sub: 'u1', jti: 't1', agency: '000.00.41.H56', scope: 'dossiers:read' })).toEqual({
      kind: 'client',
      clientId: 'one-stop',
      subject: 'u1',
      agencyCode: '000.00.41.H56',
      scopes: new Set(['dossiers:read']),
      tokenId: 't1',
    });
  });

  it('falls back to azp for the client and to ma_dinh_danh for the agency', () => {
    expect(principalFromClaims({ azp: 'keycloak-client', ma_dinh_danh: '000.01.41.H56' })).toMatchObject({ clientId: 'keycloak-client', agencyCode: '000.01.41.H56' });
  });

  it('accepts agency and ma_dinh_danh together when they agree, and refuses them when they differ', () => {
    expect(principalFromClaims({ agency: '000.00.00.H56', ma_dinh_danh: '000.00.00.H56' }).agencyCode).toBe('000.00.00.H56');
    expect(refusalOf(() => principalFromClaims({ agency: '000.00.00.H56', ma_dinh_danh: '000.00.00.H38' })).reason).toBe('TOKEN_CLAIMS_INVALID');
  });

  it('leaves every field null for a token with no such claims', () => {
    expect(principalFromClaims({})).toEqual({ kind: 'client', clientId: null, subject: null, agencyCode: null, scopes: new Set(), tokenId: null });
  });

  it('refuses an agency claim that is not an agency code and says what a code looks like', () => {
    const refused = refusalOf(() => principalFromClaims({ agency: 'UBND tỉnh Thanh Hóa' }));
    expect(refused).toEqual({
      reason: 'TOKEN_CLAIMS_INVALID',
      message: 'The token\'s agency claim "UBND tỉnh Thanh Hóa" is not an agency code: expected L4.L3.L2.L1, e.g. 000.00.00.H56.',
    });
  });

  it('refuses claims of the wrong type rather than ignoring them', () => {
    expect(refusalOf(() => principalFromClaims({ agency: 56 })).message).toBe('The token\'s "agency" claim must be a string; got 56.');
    expect(refusalOf(() => principalFromClaims({ client_id: ['a'] })).reason).toBe('TOKEN_CLAIMS_INVALID');
    expect(refusalOf(() => principalFromClaims({ scope: ['dossiers:read'] })).reason).toBe('TOKEN_CLAIMS_INVALID');
  });

  it('cuts a long claim value in the message', () => {
    const { message } = refusalOf(() => principalFromClaims({ agency: 'x'.repeat(5000) }));
    expect(message.length).toBeLessThan(200);
  });
});
