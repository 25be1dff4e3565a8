import type { RawAgency } from '../../national-procedures/types';
import type { SimRequest, SimResponse } from '../../kit';
import { isAgencyCode, isWithinAgency } from '../agency-code';
import type { DossierIndex, IndexedDossier } from '../dossier-index';
import { DAY_MS, parseVnDay } from '../vn-time';
import { igateAgencyId, igateDossierId, igateProcedureId, toIgateDossier } from './igate-dossier';
import { igateStatusOf } from './igate-status';
import { createTokenStore } from './igate-tokens';
import { jsonAnswer } from './json-answer';

export const IGATE_TOKEN_PATH = '/auth/realms/digo/protocol/openid-connect/token';
/** Spring's default page size, and the largest the deployment allows (our reading). */
export const IGATE_DEFAULT_PAGE_SIZE = 20;
export const IGATE_MAX_PAGE_SIZE = 200;

export interface IgateHandlerOptions {
  index: DossierIndex;
  /** The national directory, for agency names, parents and ids. */
  agencies: readonly RawAgency[];
  username: string;
  password: string;
  clientId: string;
  tokenTtlMs: number;
  /** The server's own URL, for the token issuer; read when a token is issued. */
  issuer(): string;
  count(operation: string): void;
}

export interface IgateHandler {
  handle(req: SimRequest): SimResponse;
  expireTokens(): void;
}

type SortKey = (entry: IndexedDossier) => number | string | null;

const SORT_FIELDS: Readonly<Record<string, SortKey>> = {
  acceptedDate: (entry) => entry.receivedAt,
  appliedDate: (entry) => entry.submittedAt,
  createdDate: (entry) => entry.submittedAt,
  appointmentDate: (entry) => entry.appointmentAt,
  completedDate: (entry) => entry.finishedAt,
  updatedDate: (entry) => entry.updatedAt,
  code: (entry) => entry.dossier.code,
};

/**
 * The "igate" dialect (SOURCES.md §2, VNPT iGate): a Keycloak password grant at
 * IGATE_TOKEN_PATH (operation `token`), then Bearer calls: `GET /pa/dossier/search`
 * (`search`, a Spring page), `GET /pa/dossier/{id}/--online` (`get`) and
 * `GET /pa/dossier/--by-code?code=` (`getByCode`, our reading).
 */
export function createIgateHandler(options: IgateHandlerOptions): IgateHandler {
  const { index, count } = options;
  const agencyMap = new Map(options.agencies.map((agency) => [agency.MADONVI, agency]));
  const agencyById = new Map(options.agencies.map((agency) => [igateAgencyId(agency.MADONVI), agency.MADONVI]));
  const procedureById = new Map(index.all.map((entry) => [igateProcedureId(entry.dossier.procedureCode), entry.dossier.procedureCode]));
  const byId = new Map(index.all.map((entry) => [igateDossierId(entry.dossier), entry]));
  let tokens: ReturnType<typeof createTokenStore> | undefined;
  const tokenStore = (): ReturnType<typeof createTokenStore> =>
    (tokens ??= createTokenStore({ ttlMs: options.tokenTtlMs, refreshTtlMs: Math.max(options.tokenTtlMs * 6, 1_800_000), issuer: `${options.issuer()}/auth/realms/digo` }));
  const render = (entry: IndexedDossier): Record<string, unknown> => toIgateDossier(entry, { agencies: agencyMap });

  function handle(req: SimRequest): SimResponse {
    if (req.path === IGATE_TOKEN_PATH) {
      count('token');
      return req.method === 'POST' ? token(req) : springError(405, 'Method Not Allowed', `Request method '${req.method}' is not supported`, req.path);
    }
    const online = /^\/pa\/dossier\/([^/]+)\/--online$/.exec(req.path);
    const operation = req.path === '/pa/dossier/search' ? 'search' : req.path === '/pa/dossier/--by-code' ? 'getByCode' : online ? 'get' : 'unknown';
    count(operation);
    if (operation === 'unknown') return springError(404, 'Not Found', 'No message available', req.path);
    if (req.method !== 'GET') return springError(405, 'Method Not Allowed', `Request method '${req.method}' is not supported`, req.path);

    const header = req.headers.authorization;
    const bearer = typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '').trim() : null;
    const check = tokenStore().check(bearer);
    if (!check.ok) {
      const message = check.reason === 'missing'
        ? 'Full authentication is required to access this resource'
        : check.reason === 'expired'
          ? `Jwt expired at ${new Date(check.expiredAt ?? Date.now()).toISOString()}`
          : 'Invalid token';
      const challenge = check.reason === 'missing' ? 'Bearer' : `Bearer error="invalid_token", error_description="${message}"`;
      return springError(401, 'Unauthorized', message, req.path, { 'www-authenticate': challenge });
    }

    if (operation === 'search') return search(req);
    if (operation === 'getByCode') {
      const code = req.query.get('code') ?? '';
      const entry = index.byCode.get(code.trim());
      return entry ? jsonAnswer(200, render(entry)) : springError(404, 'Not Found', `Không tìm thấy hồ sơ có mã ${code}`, req.path);
    }
    const entry = byId.get((online as RegExpExecArray)[1] as string);
    return entry ? jsonAnswer(200, render(entry)) : springError(404, 'Not Found', 'Không tìm thấy hồ sơ', req.path);
  }

  function token(req: SimRequest): SimResponse {
    const form = new URLSearchParams(req.text());
    const grant = form.get('grant_type');
    const clientId = form.get('client_id');
    if (grant === null) return jsonAnswer(400, { error: 'invalid_request', error_description: 'Missing form parameter: grant_type' });
    if (clientId !== options.clientId) return jsonAnswer(401, { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' });
    if (grant === 'password') {
      if (form.get('username') !== options.username || form.get('password') !== options.password) {
        return jsonAnswer(401, { error: 'invalid_grant', error_description: 'Invalid user credentials' });
      }
      return jsonAnswer(200, tokenStore().issue(options.username, clientId), { 'cache-control': 'no-store', pragma: 'no-cache' });
    }
    if (grant === 'refresh_token') {
      const answer = tokenStore().refresh(form.get('refresh_token') ?? '', clientId);
      return answer ? jsonAnswer(200, answer, { 'cache-control': 'no-store' }) : jsonAnswer(400, { error: 'invalid_grant', error_description: 'Invalid refresh token' });
    }
    return jsonAnswer(400, { error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' });
  }

  function search(req: SimRequest): SimResponse {
    const q = req.query;
    const page = Math.max(0, integerOr(q.get('page'), 0));
    const asked = integerOr(q.get('size'), IGATE_DEFAULT_PAGE_SIZE);
    const size = Math.min(asked < 1 ? IGATE_DEFAULT_PAGE_SIZE : asked, IGATE_MAX_PAGE_SIZE);

    const statusText = q.get('dossier-status');
    const statuses = statusText ? statusText.split(',').map((part) => part.trim()) : [];
    if (statuses.some((part) => !/^\d+$/.test(part))) return badRequest(req, `Failed to convert value of type 'java.lang.String' to required type 'java.util.List'; For input string: "${statusText}"`);
    const from = instantParam(q.get('accepted-from'), 'from');
    const to = instantParam(q.get('accepted-to'), 'to');
    if (from === 'invalid') return badRequest(req, `Text '${q.get('accepted-from')}' could not be parsed (accepted-from)`);
    if (to === 'invalid') return badRequest(req, `Text '${q.get('accepted-to')}' could not be parsed (accepted-to)`);

    const agencyParam = q.get('agency-id');
    const agency = agencyParam ? (isAgencyCode(agencyParam) ? agencyParam : agencyById.get(agencyParam) ?? null) : undefined;
    const procedureParam = q.get('procedure-id');
    const procedure = procedureParam ? procedureById.get(procedureParam) ?? procedureParam : undefined;
    const code = q.get('code')?.trim().toLowerCase();

    const sorts: Array<{ key: SortKey; direction: 1 | -1; property: string }> = [];
    for (const spec of q.getAll('sort')) {
      const [property = '', direction = 'asc'] = spec.split(',').map((part) => part.trim());
      const key = SORT_FIELDS[property];
      if (!key) return badRequest(req, `No property '${property}' found for type 'Dossier'`);
      if (!/^(asc|desc)$/i.test(direction)) return badRequest(req, `Invalid value '${direction}' for orders given; Has to be either 'desc' or 'asc' (case insensitive)`);
      sorts.push({ key, direction: /^desc$/i.test(direction) ? -1 : 1, property });
    }

    const wanted = new Set(statuses.map(Number));
    const matches = index.all.filter((entry) => {
      const d = entry.dossier;
      if (wanted.size > 0 && !wanted.has(igateStatusOf(d).code)) return false;
      if (from !== null || to !== null) {
        if (entry.receivedAt === null) return false;
        if (from !== null && entry.receivedAt < from) return false;
        if (to !== null && entry.receivedAt > to) return false;
      }
      if (agency !== undefined && (agency === null || !isWithinAgency(d.agencyCode, agency))) return false;
      if (procedure !== undefined && d.procedureCode !== procedure) return false;
      if (code && !d.code.toLowerCase().includes(code)) return false;
      return true;
    });
    if (sorts.length > 0) {
      matches.sort((a, b) => {
        for (const { key, direction } of sorts) {
          const order = compareNullsFirst(key(a), key(b)) * direction;
          if (order !== 0) return order;
        }
        return a.position - b.position;
      });
    }
    const content = matches.slice(page * size, page * size + size).map(render);
    const totalPages = Math.ceil(matches.length / size);
    const sort = { sorted: sorts.length > 0, unsorted: sorts.length === 0, empty: sorts.length === 0 };
    return jsonAnswer(200, {
      content,
      pageable: { sort, offset: page * size, pageNumber: page, pageSize: size, paged: true, unpaged: false },
      totalPages,
      totalElements: matches.length,
      last: page >= totalPages - 1,
      size,
      number: page,
      sort,
      numberOfElements: content.length,
      first: page === 0,
      empty: content.length === 0,
    });
  }

  return { handle, expireTokens: () => tokenStore().expireAll() };
}

/**
 * `accepted-from`/`accepted-to`: an ISO date (the whole Vietnamese day, both ends
 * included) or a date-time (an offset such as `+07:00`, `+0700` or `Z`; none means
 * Vietnam time). A `+` sent unencoded in a query string arrives as a space and fails.
 */
function instantParam(value: string | null, end: 'from' | 'to'): number | null | 'invalid' {
  if (value === null || value === '') return null;
  const day = parseVnDay(value, ['iso']);
  if (day !== null) return end === 'from' ? day : day + DAY_MS - 1;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!match) return 'invalid';
  const zone = match[2] === undefined ? '+07:00' : match[2] === 'Z' ? 'Z' : match[2].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const instant = Date.parse(`${match[1]}${zone}`);
  return Number.isNaN(instant) ? 'invalid' : instant;
}

/** Spring's parameter binding: a malformed number falls back to the default. */
function integerOr(value: string | null, fallback: number): number {
  return value !== null && /^-?\d+$/.test(value.trim()) ? Number(value) : fallback;
}

/** MongoDB order: missing values first when ascending. */
function compareNullsFirst(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function badRequest(req: SimRequest, message: string): SimResponse {
  return springError(400, 'Bad Request', message, req.path);
}

/** Spring Boot's error body. */
function springError(status: number, error: string, message: string, path: string, headers: Record<string, string> = {}): SimResponse {
  return jsonAnswer(status, { timestamp: new Date().toISOString().replace('Z', '+00:00'), status, error, message, path }, headers);
}
