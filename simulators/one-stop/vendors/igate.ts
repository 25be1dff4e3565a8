import type { RawAgency } from '../../national-procedures/types';
import type { SimRequest, SimResponse } from '../../kit';
import { isAgencyCode } from '../agency-code';
import type { DossierStore } from '../dossier-store';
import type { SortField, StatusFilter } from '../list-dossiers';
import type { NationalStatus } from '../types';
import { DAY_MS, parseVnDay } from '../vn-time';
import { igateAgencyId, igateDossierId, igateDossierIndex, igateProcedureId, toIgateDossier } from './igate-dossier';
import { IGATE_STATUSES, igateStatusFor } from './igate-status';
import { createTokenStore } from './igate-tokens';
import { jsonAnswer } from './json-answer';

export const IGATE_TOKEN_PATH = '/auth/realms/digo/protocol/openid-connect/token';
/** Spring's default page size, and the largest the deployment allows (our reading). */
export const IGATE_DEFAULT_PAGE_SIZE = 20;
export const IGATE_MAX_PAGE_SIZE = 200;

export interface IgateHandlerOptions {
  store: DossierStore;
  /** The national directory, for agency names, parents and ids. */
  agencies: readonly RawAgency[];
  /** Procedure codes as the province records them (national codes and local variants), for `procedure-id` given as an ObjectId. */
  procedureCodes: readonly string[];
  /** The deployment's ObjectId process bytes (igateMachineId). */
  machine: string;
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

/** iGate's integer for a status-4 dossier whose extension awaits approval. */
const AWAITING_EXTENSION_CODE = 10;
const DOSSIER_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}$/;

/** iGate's sort properties and the dossier fields they order by. */
const SORT_FIELDS: Readonly<Record<string, SortField>> = {
  acceptedDate: 'receivedAt',
  appliedDate: 'submittedAt',
  createdDate: 'submittedAt',
  appointmentDate: 'appointmentAt',
  completedDate: 'finishedAt',
  updatedDate: 'updatedAt',
  code: 'code',
};

/**
 * The "igate" dialect (docs/sources.md §2, VNPT iGate): a Keycloak password grant at
 * IGATE_TOKEN_PATH (operation `token`), then Bearer calls: `GET /pa/dossier/search`
 * (`search`, a Spring page), `GET /pa/dossier/{id}/--online` (`get`) and
 * `GET /pa/dossier/--by-code?code=` (`getByCode`, our reading).
 */
export function createIgateHandler(options: IgateHandlerOptions): IgateHandler {
  const { store, count, machine } = options;
  const agencyMap = new Map(options.agencies.map((agency) => [agency.MADONVI, agency]));
  const agencyById = new Map(options.agencies.map((agency) => [igateAgencyId(agency.MADONVI), agency.MADONVI]));
  const procedureById = new Map(options.procedureCodes.map((code) => [igateProcedureId(code), code]));
  let tokens: ReturnType<typeof createTokenStore> | undefined;
  const tokenStore = (): ReturnType<typeof createTokenStore> =>
    (tokens ??= createTokenStore({ ttlMs: options.tokenTtlMs, refreshTtlMs: Math.max(options.tokenTtlMs * 6, 1_800_000), issuer: `${options.issuer()}/auth/realms/digo` }));
  // One context for every record: the mapper remembers the catalogue's parts per context.
  const mapContext = { agencies: agencyMap, machine };
  const render = (index: number, dossier = store.dossier(index)): Record<string, unknown> => toIgateDossier(dossier, index, mapContext);

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
      const index = store.indexOfCode(code.trim());
      return index !== null ? jsonAnswer(200, render(index)) : springError(404, 'Not Found', `Không tìm thấy hồ sơ có mã ${code}`, req.path);
    }
    const id = (online as RegExpExecArray)[1] as string;
    const index = igateDossierIndex(id, machine);
    const dossier = index !== null && index < store.total() ? store.dossier(index) : null;
    return dossier && igateDossierId(dossier, index as number, machine) === id
      ? jsonAnswer(200, render(index as number, dossier))
      : springError(404, 'Not Found', 'Không tìm thấy hồ sơ', req.path);
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
    const windows: Partial<Record<'accepted-from' | 'accepted-to' | 'updated-from' | 'updated-to', number | null>> = {};
    for (const name of ['accepted-from', 'accepted-to', 'updated-from', 'updated-to'] as const) {
      const value = instantParam(q.get(name), name === 'accepted-to' ? 'end-of-day' : 'start-of-day');
      if (value === 'invalid') return badRequest(req, `Text '${q.get(name)}' could not be parsed (${name})`);
      windows[name] = value;
    }
    const accepted = windows['accepted-from'] ?? null;
    const acceptedTo = windows['accepted-to'] ?? null;
    const updatedFrom = windows['updated-from'] ?? null;
    const updatedTo = windows['updated-to'] ?? null;

    const agencyParam = q.get('agency-id');
    const agency = agencyParam ? (isAgencyCode(agencyParam) ? agencyParam : agencyById.get(agencyParam) ?? null) : undefined;
    const procedureParam = q.get('procedure-id');
    const procedureCode = procedureParam ? procedureById.get(procedureParam) ?? procedureParam : undefined;
    const code = q.get('code')?.trim();

    const sort: Array<{ field: SortField; direction: 1 | -1 }> = [];
    for (const spec of q.getAll('sort')) {
      const [property = '', direction = 'asc'] = spec.split(',').map((part) => part.trim());
      const field = SORT_FIELDS[property];
      if (!field) return badRequest(req, `No property '${property}' found for type 'Dossier'`);
      if (!/^(asc|desc)$/i.test(direction)) return badRequest(req, `Invalid value '${direction}' for orders given; Has to be either 'desc' or 'asc' (case insensitive)`);
      sort.push({ field, direction: /^desc$/i.test(direction) ? -1 : 1 });
    }

    const listing = store.list({
      ...(accepted !== null || acceptedTo !== null ? { received: { from: accepted, to: acceptedTo === null ? null : acceptedTo + 1 } } : {}),
      ...(updatedFrom !== null || updatedTo !== null ? { updated: { from: updatedFrom, to: updatedTo } } : {}),
      ...(statuses.length > 0 ? { status: igateStatusFilter(statuses.map(Number)) } : {}),
      ...(agency !== undefined ? { agency } : {}),
      ...(procedureCode !== undefined ? { procedureCode } : {}),
      // A complete code is looked up, not searched for (our reading: the same answer unless a day numbers past 9999).
      ...(code ? (DOSSIER_CODE.test(code) ? { code } : { codeContains: code }) : {}),
      ...(sort.length > 0 ? { sort } : {}),
    });
    const content = listing.page(page * size, size).map((index) => render(index));
    const totalPages = Math.ceil(listing.total / size);
    const sortInfo = { sorted: sort.length > 0, unsorted: sort.length === 0, empty: sort.length === 0 };
    return jsonAnswer(200, {
      content,
      pageable: { sort: sortInfo, offset: page * size, pageNumber: page, pageSize: size, paged: true, unpaged: false },
      totalPages,
      totalElements: listing.total,
      last: page >= totalPages - 1,
      size,
      number: page,
      sort: sortInfo,
      numberOfElements: content.length,
      first: page === 0,
      empty: content.length === 0,
    });
  }

  return { handle, expireTokens: () => tokenStore().expireAll() };
}

/**
 * iGate's `dossier-status` integers as a filter: each names a national status, and 10
 * (an extension awaiting approval) the status-4 dossiers with that flag; unknown integers
 * match nothing.
 */
function igateStatusFilter(codes: readonly number[]): StatusFilter {
  const wanted = new Set(codes);
  const national = new Set<NationalStatus>();
  for (const status of IGATE_STATUSES) if (wanted.has(status.code)) national.add(status.national ?? 4);
  return {
    key: `igate:${[...wanted].sort((a, b) => a - b).join(',')}`,
    national,
    accepts: (status, awaitingExtension) => wanted.has(awaitingExtension ? AWAITING_EXTENSION_CODE : (igateStatusFor(status).code)),
  };
}

/**
 * An instant parameter: an ISO date or a date-time (an offset such as `+07:00`, `+0700` or
 * `Z`; none means Vietnam time). A date is the start of its Vietnamese day, or, for
 * `accepted-to`, its last millisecond (the whole day included). A `+` sent unencoded in a
 * query string arrives as a space and fails.
 */
function instantParam(value: string | null, dateMeans: 'start-of-day' | 'end-of-day'): number | null | 'invalid' {
  if (value === null || value === '') return null;
  const day = parseVnDay(value, ['iso']);
  if (day !== null) return dateMeans === 'start-of-day' ? day : day + DAY_MS - 1;
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

function badRequest(req: SimRequest, message: string): SimResponse {
  return springError(400, 'Bad Request', message, req.path);
}

/** Spring Boot's error body. */
function springError(status: number, error: string, message: string, path: string, headers: Record<string, string> = {}): SimResponse {
  return jsonAnswer(status, { timestamp: new Date().toISOString().replace('Z', '+00:00'), status, error, message, path }, headers);
}
