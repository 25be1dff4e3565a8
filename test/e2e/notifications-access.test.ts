import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestGateway, type Caller, type TestGateway } from '../utils/gateway';

// Who may subscribe, register webhooks and read their dead letters and counts: the
// WebSocket route authenticates like every route (at the upgrade, or at connection_init
// with the same authenticator), each subscription goes through the same limits and
// jurisdiction as a query, and every refusal is audited.

const CHANGES = /* GraphQL */ `subscription Changes($agency: String) { dossierStatusChanged(filter: { agency: $agency }) { id dossierCode dossier { applicant { name phone } } } }`;

type Closed = { code: number; reason: string };

/** Opens a graphql-ws connection; resolves how it was closed, or with 'connected'. */
function open(gw: TestGateway, { params, header }: { params?: Record<string, unknown>; header?: string }): { client: Client; outcome: Promise<'connected' | Closed | Error> } {
  const WithHeader = class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, header === undefined ? {} : { headers: { authorization: header } });
    }
  };
  let settle: (value: 'connected' | Closed | Error) => void = () => undefined;
  const outcome = new Promise<'connected' | Closed | Error>((resolve) => (settle = resolve));
  const client = createClient({
    url: `${gw.url.replace(/^http/, 'ws')}/graphql/ws`,
    webSocketImpl: WithHeader,
    ...(params ? { connectionParams: params } : {}),
    retryAttempts: 0,
    lazy: false,
    // Closes are what these tests look at; graphql-ws would print each to the console.
    onNonLazyError: () => undefined,
    on: {
      connected: () => settle('connected'),
      closed: (event) => settle({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }),
      error: (error) => settle(error instanceof Error ? error : new Error(String((error as { message?: unknown }).message ?? error))),
    },
  });
  return { client, outcome };
}

/** Subscribes and resolves with the first result, or the error that ended it. */
function firstResult(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  return new Promise((resolve) => {
    setTimeout(() => resolve({ errors: [{ message: `no answer to ${query.slice(0, 40)}`, extensions: { code: 'NO_ANSWER' } }] }), 5000).unref();
    client.subscribe(
      { query, variables },
      {
        next: (result) => resolve(result as never),
        error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String((error as Error).message ?? error) }] }),
        complete: () => resolve({}),
      },
    );
  });
}

describe('access to subscriptions, webhooks and message counts', () => {
  let gw: TestGateway;
  const clients: Client[] = [];
  const track = <T extends { client: Client }>(opened: T): T => (clients.push(opened.client), opened);

  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 60, dossiersPerProvince: 100, delivery: { pollMs: 50, subscriptions: { pollMs: 50 }, webhooks: { allowHttp: true } } });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await gw?.close();
  });

  async function audit(filter: Record<string, unknown>) {
    const { data, errors } = await gw.as('security-auditor').graphql<{ auditLog: { nodes: Array<{ operationName: string | null; operationType: string | null; outcome: string; errorCodes: string[]; refusalReason: string | null; subject: string | null; sensitiveFields: string[]; records: Array<{ type: string; count: number }> }> } }>(
      /* GraphQL */ `query($filter: AuditFilter) { auditLog(filter: $filter, first: 100) { nodes { operationName operationType outcome errorCodes refusalReason subject sensitiveFields records { type count } } } }`,
      { filter },
    );
    expect(errors).toBeUndefined();
    return data!.auditLog.nodes;
  }

  it('closes a connection that brings no token, or a forged one, with 4401, and records each refusal', async () => {
    const none = track(open(gw, {}));
    expect(await none.outcome).toEqual({ code: 4401, reason: 'UNAUTHENTICATED: TOKEN_MISSING' });
    // The signature's first character changed: every bit of it counts (the last one's low bits may be padding, which decodes the same).
    const forged = gw.as('district-officer').authorization.replace(/\.([^.]*)$/, (_m, signature: string) => `.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`);
    const bad = track(open(gw, { params: { authorization: forged } }));
    expect(await bad.outcome).toEqual({ code: 4401, reason: expect.stringMatching(/^UNAUTHENTICATED: TOKEN_/) });
    const refusals = await audit({ withoutAgency: true, outcome: 'REJECTED', errorCode: 'UNAUTHENTICATED' });
    expect(refusals.map((e) => e.refusalReason)).toEqual(expect.arrayContaining(['TOKEN_MISSING', 'TOKEN_INVALID_SIGNATURE']));
  });

  it('refuses a bad token in the upgrade\'s Authorization header with HTTP 401, before any upgrade', async () => {
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${gw.url.replace(/^http/, 'ws')}/graphql/ws`, 'graphql-transport-ws', { headers: { authorization: 'Bearer not.a.token' } });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(refused).toBe(401);
  });

  it('serves the upgrade only at its one canonical spelling, and nothing but an upgrade there', async () => {
    const upgrade = (target: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${gw.url.replace(/^http/, 'ws')}${target}`, 'graphql-transport-ws', { headers: { authorization: gw.as('district-officer').authorization } });
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('open', () => (socket.close(), resolve(101)));
        socket.on('error', () => undefined);
      });
    expect(await upgrade('/graphql/ws')).toBe(101);
    expect(await upgrade('/graphql/%77s')).toBe(400);
    expect(await upgrade('/graphql/ws/')).toBe(400);
    expect(await upgrade('/graphql/WS')).toBe(404);
    // A plain GET: authenticated like any route, then not served.
    expect((await fetch(`${gw.url}/graphql/ws`)).status).toBe(401);
    expect((await gw.as('district-officer').fetch('/graphql/ws')).status).toBe(404);
  });

  it('accepts a token in the upgrade\'s header or in connectionParams, and closes the connection when the token expires', async () => {
    expect(await track(open(gw, { header: gw.as('district-officer').authorization })).outcome).toBe('connected');
    expect(await track(open(gw, { params: { authorization: gw.as('district-officer').authorization } })).outcome).toBe('connected');
    const shortLived = await gw.withClaims({ client_id: 'demo-one-stop-h56', sub: 'can-bo-tam-thoi', agency: '000.00.41.H56', scope: 'dossiers:read' }, { expiresIn: '3s' });
    const expiring = track(open(gw, { params: { authorization: shortLived.authorization } }));
    expect(await expiring.outcome).toBe('connected');
    const closed = await new Promise<Closed>((resolve) => expiring.client.on('closed', (event) => resolve({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) })));
    expect(closed).toEqual({ code: 4401, reason: 'UNAUTHENTICATED: TOKEN_EXPIRED' });
  });

  it('refuses, as a query would be refused, a subscription without the scope, outside the jurisdiction, over a limit, or that is no subscription, and records each', async () => {
    const client = track(open(gw, { params: { authorization: gw.as('district-officer').authorization } })).client;
    const developer = track(open(gw, { params: { authorization: gw.as('developer').authorization } })).client;
    const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (result.errors ?? []).map((e) => e.extensions?.code);
    expect(codes(await firstResult(developer, CHANGES))).toEqual(['FORBIDDEN']);
    expect(codes(await firstResult(client, CHANGES, { agency: '000.00.42.H56' }))).toEqual(['FORBIDDEN_JURISDICTION']);
    expect(codes(await firstResult(client, CHANGES, { agency: 'H56' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await firstResult(client, /* GraphQL */ `query Sneaky { dossiers(first: 1) { totalCount } }`))).toEqual(['BAD_REQUEST']);
    // Twelve levels, over the default maxDepth of 10.
    const deep = `subscription Deep { dossierStatusChanged { dossier { procedure { ${'relatedProcedures { '.repeat(8)}code${' }'.repeat(8)} } } } }`;
    expect(codes(await firstResult(client, deep))).toEqual(['QUERY_LIMIT_EXCEEDED']);
    expect(codes(await firstResult(client, 'subscription { nope }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const entries = await audit({ subject: gw.as('district-officer').claims.sub });
    expect(entries.filter((e) => e.outcome === 'REJECTED').map((e) => [e.operationName, e.errorCodes[0]])).toEqual(
      expect.arrayContaining([
        ['Changes', 'FORBIDDEN_JURISDICTION'],
        ['Changes', 'BAD_USER_INPUT'],
        ['Sneaky', 'BAD_REQUEST'],
        ['Deep', 'QUERY_LIMIT_EXCEEDED'],
      ]),
    );
  });

  it('refuses variables that do not fit their declared types with BAD_USER_INPUT, as POST /graphql does, and records it', async () => {
    const client = track(open(gw, { params: { authorization: gw.as('district-officer').authorization } })).client;
    const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (result.errors ?? []).map((e) => e.extensions?.code);
    const http = await gw.as('district-officer').graphql(/* GraphQL */ `query Typed($n: Int) { procedures(first: $n) { totalCount } }`, { n: 'five' });
    expect(codes(http)).toEqual(['BAD_USER_INPUT']);
    expect(codes(await firstResult(client, /* GraphQL */ `subscription Mistyped($agency: String) { dossierStatusChanged(filter: { agency: $agency }) { id } }`, { agency: 5 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await firstResult(client, /* GraphQL */ `subscription Missing($agency: String!) { dossierStatusChanged(filter: { agency: $agency }) { id } }`))).toEqual(['BAD_USER_INPUT']);
    const entries = await audit({ subject: gw.as('district-officer').claims.sub });
    expect(entries.filter((e) => e.operationName === 'Mistyped' || e.operationName === 'Missing').map((e) => [e.operationName, e.outcome, e.errorCodes])).toEqual(
      expect.arrayContaining([
        ['Mistyped', 'REJECTED', ['BAD_USER_INPUT']],
        ['Missing', 'REJECTED', ['BAD_USER_INPUT']],
      ]),
    );
  });

  it('refuses a subscription whose root field @skip or @include may leave out, as the spec does, and keeps the connection for the next one', async () => {
    const opened = track(open(gw, { params: { authorization: gw.as('district-officer').authorization } }));
    expect(await opened.outcome).toBe('connected');
    let closed: number | null = null;
    opened.client.on('closed', (event) => (closed = (event as { code: number }).code));
    const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (result.errors ?? []).map((e) => e.extensions?.code);
    expect(codes(await firstResult(opened.client, /* GraphQL */ `subscription Skipped { dossierStatusChanged @skip(if: true) { id } }`))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await firstResult(opened.client, /* GraphQL */ `subscription Included($on: Boolean = false) { ... on Subscription { dossierStatusChanged @include(if: $on) { id } } }`))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await firstResult(opened.client, /* GraphQL */ `query Sneaky { dossiers(first: 1) { totalCount } }`))).toEqual(['BAD_REQUEST']);
    expect(closed).toBeNull();
  });

  it('refuses one connection its subscriptions beyond maxPerConnection (20), and one officer beyond maxPerPrincipal (50) over all its connections, with RATE_LIMITED, audited, while another officer still subscribes', async () => {
    const commune = gw.as('commune-officer');
    const WATCH = /* GraphQL */ `subscription Watch { dossierStatusChanged { id } }`;
    // An accepted subscription stays silent until an event; a refused one answers at once with its errors.
    const answers: Array<{ extensions?: Record<string, unknown>; message: string }> = [];
    const subscribeMany = (client: Client, count: number) => {
      for (let i = 0; i < count; i++) client.subscribe({ query: WATCH }, { next: (r) => answers.push(...((r.errors ?? []) as never[])), error: () => undefined, complete: () => undefined });
    };
    const answered = async (count: number) => {
      for (let waited = 0; answers.length < count && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      return answers.map((e) => [e.extensions?.code, e.message.match(/the most one (connection|caller) may/)?.[1]]);
    };
    const connections = [0, 1, 2].map(() => track(open(gw, { params: { authorization: commune.authorization } })));
    for (const connection of connections) expect(await connection.outcome).toBe('connected');
    subscribeMany(connections[0]!.client, 21);
    expect(await answered(1)).toEqual([['RATE_LIMITED', 'connection']]);
    subscribeMany(connections[1]!.client, 20);
    subscribeMany(connections[2]!.client, 11);
    // 20 + 20 + 10 open: the officer's fifty-first is refused though its connection has room.
    expect(await answered(2)).toEqual([['RATE_LIMITED', 'connection'], ['RATE_LIMITED', 'caller']]);
    const province = track(open(gw, { params: { authorization: gw.as('province-officer').authorization } }));
    subscribeMany(province.client, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answers).toHaveLength(2);
    const refused = (await audit({ subject: commune.claims.sub, operationName: 'Watch', outcome: 'REJECTED' })).map((e) => e.errorCodes);
    expect(refused).toEqual([['RATE_LIMITED'], ['RATE_LIMITED']]);
    expect(await audit({ subject: gw.as('province-officer').claims.sub, operationName: 'Watch', outcome: 'SUCCESS' })).toHaveLength(1);
    for (const connection of [...connections, province]) await connection.client.dispose();
  });

  it('audits each event a subscription receives with the personal-data fields it carried', async () => {
    const district = gw.as('district-officer');
    const client = track(open(gw, { params: { authorization: district.authorization } })).client;
    const events: unknown[] = [];
    client.subscribe({ query: CHANGES }, { next: (r) => events.push(r), error: () => undefined, complete: () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const h56 = gw.provinces[0]!;
    // Every live dossier of the province changes, until one of the district's shows a national status change.
    for (let i = 0; i < 20 && events.length === 0; i++) {
      h56.mutate({ fraction: 1 });
      await gw.running.sources.dossiers.syncAll();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(events.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const received = (await audit({ subject: district.claims.sub, operationName: 'Changes' })).filter((e) => e.outcome === 'SUCCESS' && e.records.length > 0);
    expect(received.length).toBe(events.length);
    expect(received[0]).toMatchObject({ operationType: 'subscription', sensitiveFields: ['Applicant.name', 'Applicant.phone'] });
    expect(received[0]!.records).toEqual(expect.arrayContaining([{ type: 'DossierStatusChange', count: 1 }, { type: 'Dossier', count: 1 }, { type: 'Applicant', count: 1 }]));
  });

  describe('webhooks', () => {
    const REGISTER = /* GraphQL */ `mutation($agency: String!, $url: String!) { registerWebhook(input: { agency: $agency, url: $url }) { secret webhook { id agencyCode url } } }`;
    const LIST = /* GraphQL */ `query($agency: String!) { webhooks(agency: $agency) { id agencyCode url events createdByClient } }`;
    const code = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code;
    let otherDistrict: Caller;
    beforeAll(async () => {
      otherDistrict = await gw.withClaims({ client_id: 'ung-dung-huyen-42', sub: 'can-bo-huyen-42', agency: '000.00.42.H56', scope: 'webhooks:manage dossiers:read' });
    });

    it('are registered by an officer with webhooks:manage for its own agency or a unit under it, and by no one else', async () => {
      expect(code(await gw.as('commune-officer').graphql(REGISTER, { agency: '000.01.41.H56', url: 'https://xa.example.gov.vn/hooks' }))).toBe('FORBIDDEN');
      expect(code(await gw.as('district-officer').graphql(REGISTER, { agency: '000.00.42.H56', url: 'https://huyen.example.gov.vn/hooks' }))).toBe('FORBIDDEN_JURISDICTION');
      // The national sync reads every agency, but registers for none.
      const sync = await gw.withClaims({ client_id: 'national-portal-sync', agency: '000.00.00.G22', scope: 'sync:admin webhooks:manage' });
      expect(code(await sync.graphql(REGISTER, { agency: '000.00.41.H56', url: 'https://huyen.example.gov.vn/hooks' }))).toBe('FORBIDDEN_JURISDICTION');
      const made = await gw.as('district-officer').graphql<{ registerWebhook: { secret: string; webhook: { id: string } } }>(REGISTER, { agency: '000.01.41.H56', url: 'https://xa.example.gov.vn/hooks' });
      expect(made.errors).toBeUndefined();
      expect(made.data!.registerWebhook.secret).toMatch(/^whsec_/);
      expect(code(await gw.as('district-officer').graphql(REGISTER, { agency: '000.00.41.H56', url: 'ftp://huyen.example.gov.vn/hooks' }))).toBe('BAD_USER_INPUT');
    });

    it('are refused when they name the gateway\'s own machine or its link (the outsider\'s attack run), saying why', async () => {
      const district = gw.as('district-officer');
      for (const url of ['https://127.0.0.1:4732/metrics', 'https://169.254.169.254/latest/meta-data/', 'https://[::1]:4731/graphql', 'https://localhost:22/', 'https://0x7f000001/']) {
        const refused = await district.graphql(REGISTER, { agency: '000.00.41.H56', url });
        expect([refused.errors?.[0]?.extensions?.code, refused.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/must not name a host of this machine or its link: .* is a loopback (address|name)|is a link-local address/)]);
      }
    });

    it('are listed within the caller\'s jurisdiction, without their secrets, and deleted only by those who act for their agency', async () => {
      const made = await gw.as('district-officer').graphql<{ registerWebhook: { webhook: { id: string } } }>(REGISTER, { agency: '000.00.41.H56', url: 'https://huyen.example.gov.vn/hooks/list' });
      const id = made.data!.registerWebhook.webhook.id;
      const province = await gw.as('province-officer').graphql<{ webhooks: Array<{ id: string; url: string; createdByClient: string }> }>(LIST, { agency: '000.00.00.H56' });
      expect(province.data!.webhooks.find((w) => w.id === id)).toEqual({ id, agencyCode: '000.00.41.H56', url: 'https://huyen.example.gov.vn/hooks/list', events: ['DOSSIER_STATUS_CHANGED'], createdByClient: 'demo-one-stop-h56' });
      expect(code(await gw.as('district-officer').graphql(LIST, { agency: '000.00.00.H56' }))).toBe('FORBIDDEN_JURISDICTION');
      expect((await otherDistrict.graphql<{ webhooks: unknown[] }>(LIST, { agency: '000.00.42.H56' })).data!.webhooks).toEqual([]);
      expect((await otherDistrict.graphql<{ deleteWebhook: boolean }>(/* GraphQL */ `mutation($id: ID!) { deleteWebhook(id: $id) }`, { id })).data!.deleteWebhook).toBe(false);
      expect((await gw.as('province-officer').graphql<{ webhooks: Array<{ id: string }> }>(LIST, { agency: '000.00.41.H56' })).data!.webhooks.map((w) => w.id)).toContain(id);
      expect((await gw.as('district-officer').graphql<{ deleteWebhook: boolean }>(/* GraphQL */ `mutation($id: ID!) { deleteWebhook(id: $id) }`, { id })).data!.deleteWebhook).toBe(true);
      expect((await gw.as('province-officer').graphql<{ webhooks: Array<{ id: string }> }>(LIST, { agency: '000.00.41.H56' })).data!.webhooks.map((w) => w.id)).not.toContain(id);
    });

    it('show their dead letters to the national sync\'s operators only', async () => {
      const DEAD = /* GraphQL */ `{ webhookDeadLetters(first: 5) { nodes { id } pageInfo { hasNextPage } } }`;
      expect(code(await gw.as('district-officer').graphql(DEAD))).toBe('FORBIDDEN');
      expect(code(await gw.as('district-officer').graphql(/* GraphQL */ `mutation { retryWebhookDeliveries }`))).toBe('FORBIDDEN');
      const sync = await gw.as('national-portal-sync').graphql<{ webhookDeadLetters: { nodes: unknown[] } }>(DEAD);
      expect(sync.errors).toBeUndefined();
      expect(sync.data!.webhookDeadLetters.nodes).toEqual([]);
    });
  });

  it('counts messages only within the caller\'s jurisdiction and over a bounded period', async () => {
    const STATS = /* GraphQL */ `query($agency: String!, $from: Date!, $to: Date!) { notificationStatistics(agency: $agency, from: $from, to: $to) { days { day channels { channel } skipped { noConsent } } } }`;
    const code = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code;
    expect(code(await gw.as('district-officer').graphql(STATS, { agency: '000.00.42.H56', from: '2026-11-01', to: '2026-11-02' }))).toBe('FORBIDDEN_JURISDICTION');
    expect(code(await gw.as('auditor').graphql(STATS, { agency: '000.00.00.H56', from: '2026-11-01', to: '2026-11-02' }))).toBe('FORBIDDEN');
    expect(code(await gw.as('district-officer').graphql(STATS, { agency: '000.00.41.H56', from: '2025-01-01', to: '2026-11-02' }))).toBe('BAD_USER_INPUT');
    expect(code(await gw.as('district-officer').graphql(STATS, { agency: '000.00.41.H56', from: '2026-11-02', to: '2026-11-01' }))).toBe('BAD_USER_INPUT');
    // No citizen channel is configured here: the days are there, with no channel and nothing skipped.
    const { data } = await gw.as('commune-officer').graphql<{ notificationStatistics: { days: unknown[] } }>(STATS, { agency: '000.01.41.H56', from: '2026-11-01', to: '2026-11-02' });
    expect(data!.notificationStatistics.days).toEqual([
      { day: '2026-11-01', channels: [], skipped: { noConsent: 0 } },
      { day: '2026-11-02', channels: [], skipped: { noConsent: 0 } },
    ]);
  });
});

describe('subscriptions while the identity provider\'s key set cannot be read', () => {
  let gw: TestGateway;
  let client: Client | null = null;
  beforeAll(async () => {
    // Nothing listens on port 9: every token's key set fetch fails, as in an identity provider's outage.
    gw = await startTestGateway({ procedures: 20, auth: { jwks: { url: 'http://127.0.0.1:9/certs', timeoutMs: 500 } } });
  });
  afterAll(async () => {
    await client?.dispose();
    await gw?.close();
  });

  it('closes the connection as one to try again later (1013, which graphql-ws clients retry), not as unauthorized, as HTTP answers 502 rather than 401', async () => {
    const http = await gw.as('district-officer').graphql(/* GraphQL */ `{ __typename }`);
    expect({ status: http.status, code: http.errors?.[0]?.extensions?.code }).toEqual({ status: 502, code: 'UPSTREAM_UNAVAILABLE' });
    const opened = open(gw, { params: { authorization: gw.as('district-officer').authorization } });
    client = opened.client;
    expect(await opened.outcome).toEqual({ code: 1013, reason: expect.stringMatching(/^UPSTREAM_UNAVAILABLE: /) });
  });
});
