import { GatewayError } from '../../../src/errors';
import { createHttpClient, formatVietnamDateTime, parseJsonBody, readCount, readList, readNumber, readObject, readText, type HttpResponse } from '../../kit';
import type { IgateOptions } from '../config';
import { assertVendorHttpOk } from '../assert-vendor-http-ok';
import { mapIgateDossier } from '../map-igate-dossier';
import type { DossierPage, OneStopVendor, VendorContext } from '../vendor';

/** Tokens are renewed this long before they expire, so a page never starts with a dying token. */
const EXPIRY_MARGIN_MS = 10_000;

/**
 * The "igate" dialect (docs/sources.md §2, VNPT iGate): an OAuth2 password grant at a
 * Keycloak-style SSO, then Bearer calls. `GET /pa/dossier/search` answers a Spring page
 * (0-based `page`, `size` up to 200, `accepted-from`/`accepted-to`, `sort`);
 * `GET /pa/dossier/--by-code?code=` one dossier. A 401 mid-listing (token expired or
 * revoked) gets one new token and one retry.
 */
export function createIgateVendor(options: IgateOptions, { source, http, mapStatus }: VendorContext): OneStopVendor {
  const { ssoUrl, realm = 'digo', clientId, username, password, timeoutMs } = options;
  const sso = createHttpClient({ source, baseUrl: ssoUrl, timeoutMs, connections: 2, resilience: http.resilience });
  let token: Promise<{ accessToken: string; expiresAt: number }> | null = null;

  async function fetchToken(): Promise<{ accessToken: string; expiresAt: number }> {
    const res = await sso.request({
      method: 'POST',
      path: `/auth/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password }).toString(),
      // Asking for a token again does no harm: a failed grant is retried like a read.
      idempotent: true,
    });
    if (res.status === 400 || res.status === 401) {
      const body = readObject(safeJson(res));
      throw new GatewayError('UPSTREAM_AUTH_FAILED', `${source} SSO refused the login: ${readText(body.error_description) ?? readText(body.error) ?? `HTTP ${res.status}`}`, {
        source,
        upstreamCode: readText(body.error) ?? res.status,
      });
    }
    assertVendorHttpOk(res, source);
    const body = readObject(parseJsonBody(res, source));
    const accessToken = readText(body.access_token);
    if (!accessToken) throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} SSO answered without an access_token`, { source });
    return { accessToken, expiresAt: Date.now() + (readNumber(body.expires_in) ?? 60) * 1000 - EXPIRY_MARGIN_MS };
  }

  type Held = Promise<{ accessToken: string; expiresAt: number }>;

  /** The token in use and the promise it came from, fetching one when none is valid. */
  async function currentToken(): Promise<{ accessToken: string; from: Held }> {
    const current = token;
    if (current) {
      const held = await current.catch(() => null);
      if (held && held.expiresAt > Date.now()) return { accessToken: held.accessToken, from: current };
      if (token === current) token = null;
    }
    if (!token) {
      const fetching = fetchToken();
      token = fetching;
      // Only this fetch's own failure clears it; a newer token must survive.
      fetching.catch(() => {
        if (token === fetching) token = null;
      });
    }
    const from = token;
    return { accessToken: (await from).accessToken, from };
  }

  async function get(path: string, query?: Record<string, string | number>): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const { accessToken, from } = await currentToken();
      const res = await http.request({ method: 'GET', path, query, headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
      if (res.status !== 401 || attempt > 0) return res;
      // Expired or revoked: drop it, unless a page running alongside already replaced it.
      if (token === from) token = null;
    }
  }

  // iGate's accepted-from/to filter on the reception date, which a dossier has not got
  // while registered online and waiting for the desk (1), nor ever when the desk refused
  // it (3): those are listed by status instead.
  const pendingStatuses = Object.entries(options.statusTable)
    .filter(([, national]) => national === 1 || national === 3)
    .map(([vendor]) => vendor);

  async function search(query: Record<string, string | number>, sort = 'code,asc'): Promise<DossierPage> {
    // `sort=code,asc` is a total order: pages read at once agree on it (a dossier arriving
    // mid-listing can still shift a page by one; the next sync picks it up).
    const res = await get('/pa/dossier/search', { ...query, sort });
    assertVendorHttpOk(res, source);
    const body = readObject(parseJsonBody(res, source));
    const total = readCount(body.totalElements);
    if (!Array.isArray(body.content) || total === null) {
      throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered a search without content and totalElements`, { source });
    }
    const items = readList(body.content).map((raw) => mapIgateDossier(raw, source, mapStatus)).filter((d) => d !== null);
    return { items, total };
  }

  return {
    maxPageSize: 200,
    listings: { pending: pendingStatuses.length > 0, updated: options.listByUpdateTime !== false, statusCodesPerCall: 100 },
    listPage(listing, page, size) {
      switch (listing.kind) {
        case 'received':
          return search({ page, size, 'accepted-from': formatVietnamDateTime(listing.from), 'accepted-to': formatVietnamDateTime(new Date(listing.to.getTime() - 1000)) });
        case 'pending':
          return search({ page, size, 'dossier-status': pendingStatuses.join(',') });
        case 'status':
          return search({ page, size, 'dossier-status': listing.vendorCodes.join(',') });
        case 'updated':
          // Oldest update first (our assumption: this deployment filters and sorts on updatedDate).
          return search({ page, size, 'updated-from': formatVietnamDateTime(listing.from) }, 'updatedDate,asc');
      }
    },
    async getDossier(code) {
      const res = await get('/pa/dossier/--by-code', { code });
      if (res.status === 404) return null;
      assertVendorHttpOk(res, source);
      return mapIgateDossier(parseJsonBody(res, source), source, mapStatus);
    },
    async probe() {
      const res = await get('/pa/dossier/search', { page: 0, size: 1 });
      assertVendorHttpOk(res, source);
      return { dossiers: readCount(readObject(parseJsonBody(res, source)).totalElements) };
    },
    close: () => sso.close(),
  };
}

function safeJson(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.text());
  } catch {
    return null;
  }
}
