import { SignJWT, generateKeyPair } from 'jose';
import type { AuditEntry } from '../../src/store';
import { startTestGateway, type GraphQLResult, type TestGateway } from '../utils/gateway';

const SECTORS = /* GraphQL */ `query Sectors { sectors { code } }`;
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Every entry recorded so far, after writing out what is buffered. */
async function auditEntries(gw: TestGateway): Promise<AuditEntry[]> {
  await gw.running.audit.flush();
  return (await gw.running.store.audit.query({}, { first: 1000 })).items;
}

describe('attacks on the running gateway', () => {
  let gw: TestGateway;
  let province: string;
  let district: string;
  let commune: string;
  let communeCode: string;
  let otherProvinceDossier: string;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 120, dossiersPerProvince: 80 });
    province = await gw.token({ client_id: 'one-stop-h56', sub: 'officer', agency: '000.00.00.H56', scope: 'procedures:read dossiers:read pii:read documents:read documents:send' });
    district = await gw.token({ client_id: 'one-stop-h56', sub: 'district', agency: '000.00.41.H56', scope: 'procedures:read dossiers:read pii:read' });
    communeCode = gw.provinces[0]!.dossiers.find((d) => /^000\.\d\d\.41\.H56$/.test(d.agencyCode) && !d.agencyCode.startsWith('000.00.'))!.agencyCode;
    commune = await gw.token({ client_id: 'one-stop-h56', sub: 'commune', agency: communeCode, scope: 'procedures:read dossiers:read' });
    otherProvinceDossier = gw.provinces[1]!.dossiers[0]!.code;
  });
  afterAll(() => gw.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  async function expectRefused(res: GraphQLResult<unknown>, reason: string): Promise<void> {
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason } }]);
  }

  describe('forged and unusable tokens', () => {
    it('refuses a request without a token', async () => {
      await expectRefused(await gw.graphql(SECTORS, {}, { authorization: '' }), 'TOKEN_MISSING');
    });

    it('refuses alg none', async () => {
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'urn:lienthong:demo:issuer', aud: 'urn:lienthong:gateway', exp: Math.floor(Date.now() / 1000) + 600, scope: 'dossiers:read pii:read', agency: '000.00.00.H56' })}.`;
      await expectRefused(await gw.graphql(SECTORS, {}, as(token)), 'TOKEN_ALGORITHM_NOT_ALLOWED');
    });

    it('refuses HS256 signed with the trusted public key as the secret (algorithm confusion)', async () => {
      const secret = new TextEncoder().encode(JSON.stringify(gw.publicJwks.keys[0]));
      const token = await new SignJWT({ scope: 'dossiers:read pii:read', agency: '000.00.00.H56' })
        .setProtectedHeader({ alg: 'HS256', kid: String(gw.publicJwks.keys[0]!.kid) })
        .setIssuer('urn:lienthong:demo:issuer')
        .setAudience('urn:lienthong:gateway')
        .setExpirationTime('10m')
        .sign(secret);
      await expectRefused(await gw.graphql(SECTORS, {}, as(token)), 'TOKEN_ALGORITHM_NOT_ALLOWED');
    });

    it('refuses a token signed by a key the gateway does not know', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const token = await new SignJWT({ scope: 'dossiers:read', agency: '000.00.00.H56' })
        .setProtectedHeader({ alg: 'ES256', kid: 'attacker-key' })
        .setIssuer('urn:lienthong:demo:issuer')
        .setAudience('urn:lienthong:gateway')
        .setExpirationTime('10m')
        .sign(privateKey);
      await expectRefused(await gw.graphql(SECTORS, {}, as(token)), 'TOKEN_UNKNOWN_KEY');
    });

    it('refuses a tampered payload (a commune officer promoting itself to the province, with pii:read)', async () => {
      const [header, payload, signature] = commune.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = `${header}.${b64({ ...claims, agency: '000.00.00.H56', scope: 'dossiers:read pii:read' })}.${signature}`;
      await expectRefused(await gw.graphql(SECTORS, {}, as(forged)), 'TOKEN_INVALID_SIGNATURE');
    });

    it('refuses an expired token', async () => {
      const expired = await gw.token({ client_id: 'c', agency: '000.00.00.H56', scope: 'dossiers:read' }, { expiresIn: -3600 });
      await expectRefused(await gw.graphql(SECTORS, {}, as(expired)), 'TOKEN_EXPIRED');
    });

    it('refuses garbage, a bare scheme and an oversized header', async () => {
      await expectRefused(await gw.graphql(SECTORS, {}, { authorization: 'Bearer not.a.jwt' }), 'TOKEN_MALFORMED');
      await expectRefused(await gw.graphql(SECTORS, {}, { authorization: 'Bearer' }), 'TOKEN_MALFORMED');
      await expectRefused(await gw.graphql(SECTORS, {}, { authorization: `Bearer ${'a'.repeat(10_000)}` }), 'TOKEN_MALFORMED');
      // Past Node's header limit the HTTP layer itself refuses, before any code of ours runs.
      const huge = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${'a'.repeat(20_000)}` }, body: '{}' });
      expect(huge.status).toBe(431);
      await expectRefused(await gw.graphql(SECTORS, {}, { authorization: 'Basic dXNlcjpwYXNz' }), 'TOKEN_MALFORMED');
    });

    it('refuses the attachment download path without a token', async () => {
      const res = await fetch(`${gw.url}/documents/qlvb-g22:x/attachments/cid:1`);
      expect(res.status).toBe(401);
    });
  });

  describe('jurisdiction', () => {
    it('answers another province\'s dossier by code as if it did not exist, without asking the province', async () => {
      gw.provinces[1]!.resetStats();
      const res = await gw.graphql<{ dossier: unknown }>(/* GraphQL */ `query($c: ID!) { dossier(code: $c) { code applicant { name } } }`, { c: otherProvinceDossier }, as(province));
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ dossier: null });
      expect(gw.provinces[1]!.stats.requests).toBe(0);
    });

    it('refuses a filter naming another jurisdiction with FORBIDDEN_JURISDICTION and no data', async () => {
      const res = await gw.graphql(/* GraphQL */ `{ dossiers(filter: { agency: "000.00.00.H41" }) { totalCount nodes { code } } }`, {}, as(province));
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_JURISDICTION');
      const stats = await gw.graphql(/* GraphQL */ `{ dossierStatistics(agency: "000.00.00.H48", from: "2020-01-01T00:00:00+07:00", to: "2030-01-01T00:00:00+07:00") { received } }`, {}, as(province));
      expect(stats.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_JURISDICTION');
    });

    it('lists only the caller\'s own agency and the units under it, at every level', async () => {
      const all = gw.provinces[0]!.dossiers;
      const within = (code: string, root: string): boolean => {
        const [c, r] = [code.split('.'), root.split('.')];
        return c[3] === r[3] && (r[2] === '00' || c[2] === r[2]) && (r[1] === '00' || c[1] === r[1]);
      };
      for (const [token, root] of [[province, '000.00.00.H56'], [district, '000.00.41.H56'], [commune, communeCode]] as const) {
        const res = await gw.graphql<{ dossiers: { totalCount: number; nodes: Array<{ agency: { code: string } }> } }>(/* GraphQL */ `{ dossiers(first: 100) { totalCount nodes { agency { code } } } }`, {}, as(token));
        expect(res.errors).toBeUndefined();
        expect(res.data!.dossiers.totalCount).toBe(all.filter((d) => within(d.agencyCode, root)).length);
        expect(res.data!.dossiers.nodes.every((n) => within(n.agency.code, root))).toBe(true);
      }
    });

    it('keeps a district officer out of a sibling district\'s dossier and out of the province\'s own', async () => {
      const sibling = gw.provinces[0]!.dossiers.find((d) => !d.agencyCode.endsWith('.41.H56'))!;
      const res = await gw.graphql<{ dossier: unknown }>(/* GraphQL */ `query($c: ID!) { dossier(code: $c) { code } }`, { c: sibling.code }, as(district));
      expect(res.data).toEqual({ dossier: null });
    });

    it('refuses dossiers to a principal without the dossiers:read scope, and procedures without a token', async () => {
      const developer = await gw.token({ client_id: 'dev', scope: 'procedures:read' });
      const res = await gw.graphql(/* GraphQL */ `{ dossiers { totalCount } }`, {}, as(developer));
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'dossiers:read' });
      expect(res.data).toBeNull();
    });
  });

  describe('personal data', () => {
    it('masks name, citizen ID, phone, email and address without pii:read, and shows them with it', async () => {
      const query = /* GraphQL */ `{ dossiers(first: 5) { nodes { code summary applicant { name idNumber phone email address } } } }`;
      const masked = await gw.graphql<{ dossiers: { nodes: Array<{ code: string; applicant: Record<string, string | null> }> } }>(query, {}, as(commune));
      const clear = await gw.graphql<{ dossiers: { nodes: Array<{ code: string; applicant: Record<string, string | null> }> } }>(query, {}, as(province));
      const truth = new Map(gw.provinces[0]!.dossiers.map((d) => [d.code, d]));
      expect(masked.data!.dossiers.nodes.length).toBeGreaterThan(0);
      for (const node of masked.data!.dossiers.nodes) {
        const applicant = truth.get(node.code)!.applicant;
        expect(node.applicant.idNumber).toBe(`${applicant.identityNumber.slice(0, 4)}******${applicant.identityNumber.slice(-2)}`);
        expect(node.applicant.name).not.toContain(applicant.fullName.split(' ').pop()!.slice(1));
        expect(node.applicant.phone).toMatch(/^\d{3}\*+\d{2}$/);
        expect(JSON.stringify(node)).not.toContain(applicant.identityNumber);
        expect(JSON.stringify(node)).not.toContain(applicant.phone);
        expect(JSON.stringify(node)).not.toContain(applicant.fullName);
        if (applicant.email) expect(node.applicant.email).toBe(`${applicant.email[0]}***${applicant.email.slice(applicant.email.lastIndexOf('@'))}`);
        if (node.applicant.address) expect(node.applicant.address.startsWith('***, ')).toBe(true);
      }
      const shown = clear.data!.dossiers.nodes.find((n) => truth.has(n.code))!;
      expect(shown.applicant.idNumber).toBe(truth.get(shown.code)!.applicant.identityNumber);
    });
  });

  describe('query bombs and oversized requests', () => {
    it('refuses deep nesting, alias bombs and huge documents with QUERY_LIMIT_EXCEEDED', async () => {
      const deep = await gw.graphql(/* GraphQL */ `{ procedures { nodes { relatedProcedures { relatedProcedures { relatedProcedures { relatedProcedures { relatedProcedures { relatedProcedures { relatedProcedures { relatedProcedures { relatedProcedures { code } } } } } } } } } } } }`);
      expect(deep.status).toBe(400);
      expect(deep.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxDepth' });
      const aliases = await gw.graphql(`{ ${Array.from({ length: 50 }, (_, i) => `a${i}: sectors { code }`).join(' ')} }`);
      expect(aliases.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxAliases' });
      const tokens = await gw.graphql(`{ sectors { ${'code '.repeat(3000)} } }`);
      expect(tokens.status).toBe(400);
      expect(tokens.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxTokens' });
      expect(deep.data).toBeUndefined();
    });

    it('refuses batched requests and bodies over the limit', async () => {
      const batch = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: gw.authorization }, body: JSON.stringify([{ query: SECTORS }, { query: SECTORS }]) });
      expect(batch.status).toBe(400);
      const huge = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: gw.authorization }, body: JSON.stringify({ query: SECTORS, variables: { pad: 'x'.repeat(2_000_000) } }) });
      expect(huge.status).toBe(413);
    });
  });

  describe('the audit log', () => {
    it('holds an entry for every refusal above, with who asked and what was refused', async () => {
      const entries = await auditEntries(gw);
      const codes = entries.flatMap((e) => e.errorCodes);
      for (const code of ['UNAUTHENTICATED', 'FORBIDDEN_JURISDICTION', 'FORBIDDEN', 'QUERY_LIMIT_EXCEEDED', 'PAYLOAD_TOO_LARGE']) expect(codes).toContain(code);
      expect(entries.filter((e) => e.errorCodes.includes('UNAUTHENTICATED')).length).toBeGreaterThanOrEqual(9);
      const masked = entries.find((e) => e.clientId === 'one-stop-h56' && e.agencyCode === communeCode && e.sensitiveFields.includes('Applicant.idNumber'));
      expect(masked).toBeDefined();
      // Every GraphQL access names its document, but those refused before their body was read (no valid token, too large, a batch).
      expect(entries.every((e) => (e.access === 'graphql' ? e.documentHash?.length === 64 || (e.outcome === 'rejected' && e.documentHash === null) : e.attachment !== null))).toBe(true);
      expect(entries.filter((e) => e.access === 'graphql' && e.outcome !== 'rejected').every((e) => e.documentHash?.length === 64)).toBe(true);
    });

    it('is readable by an auditor within its jurisdiction only', async () => {
      const auditor = await gw.token({ client_id: 'audit-console', agency: '000.00.00.H56', scope: 'audit:read' });
      const own = await gw.graphql<{ auditLog: { totalCount: number; nodes: Array<{ agency: { code: string }; outcome: string }> } }>(
        /* GraphQL */ `query($a: ID) { auditLog(filter: { agency: $a }, first: 100) { totalCount nodes { agency { code } outcome errorCodes sensitiveFields principal } } }`,
        { a: communeCode },
        as(auditor),
      );
      expect(own.errors).toBeUndefined();
      expect(own.data!.auditLog.totalCount).toBeGreaterThan(0);
      expect(own.data!.auditLog.nodes.every((n) => n.agency.code === communeCode)).toBe(true);
      const other = await gw.graphql(/* GraphQL */ `{ auditLog(filter: { agency: "000.00.00.H41" }) { totalCount } }`, {}, as(auditor));
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_JURISDICTION');
      const notAuditor = await gw.graphql(/* GraphQL */ `{ auditLog { totalCount } }`, {}, as(province));
      expect(notAuditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  it('stays up through all of it', async () => {
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
  });
});

describe('tokens for another audience or issuer', () => {
  it('are refused with the reason', async () => {
    const gw = await startTestGateway({ procedures: 20, auth: { audience: 'urn:another:gateway' } });
    try {
      const res = await gw.graphql(SECTORS);
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_WRONG_AUDIENCE' });
    } finally {
      await gw.close();
    }
    const other = await startTestGateway({ procedures: 20, auth: { issuer: 'urn:another:issuer' } });
    try {
      expect((await other.graphql(SECTORS)).errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_WRONG_ISSUER' });
    } finally {
      await other.close();
    }
  });
});

describe('production settings', () => {
  it('turn introspection off and hide field suggestions', async () => {
    const gw = await startTestGateway({ procedures: 20, server: { introspection: false, mode: 'production' } });
    try {
      const res = await gw.graphql(/* GraphQL */ `{ __schema { types { name } } }`);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      const typo = await gw.graphql(/* GraphQL */ `{ sectorz { code } }`);
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    } finally {
      await gw.close();
    }
  });
});
