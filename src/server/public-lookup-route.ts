import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DOSSIER_STATUS_LABELS } from '../domain';
import { agencyOfDossierCode, provinceOfDossierCode, type DossierPlane } from '../dossiers';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors';
import { createKeyedTokenBuckets, formatVietnamDate } from '../notifications';
import type { Printing } from '../printing';
import type { AuditSink } from './audit-plugin';

/** What the public lookup may tell about a dossier, and nothing more: no applicant, no papers. */
export interface PublicDossierStatus {
  status: number | null;
  appointmentAt: string | null;
  agencyName: string | null;
}

/** Reads one dossier's public facts by code; null when there is no such dossier. */
export type LookupDossierStatus = (dossierCode: string) => Promise<PublicDossierStatus | null>;

/** The lookup over the provinces' dossiers in the store: one read by code. */
export function dossierStatusLookup(dossiers: Pick<DossierPlane, 'get'>): LookupDossierStatus {
  return async (code) => {
    const stored = await dossiers.get(code);
    if (!stored) return null;
    const record = stored.record as { status?: { code?: number | null }; appointmentAt?: string | null; agencyName?: string | null };
    return { status: record.status?.code ?? null, appointmentAt: record.appointmentAt ?? null, agencyName: record.agencyName ?? null };
  };
}

export interface PublicLookupOptions {
  lookup: LookupDossierStatus;
  printing: Pick<Printing, 'isLookupSecret'>;
  audit: AuditSink;
  /** Per client address: `burst` at once, then `perMinute`; at most `maxClients` addresses tracked. */
  rateLimit: { perMinute: number; burst: number; maxClients: number };
}

const NOT_FOUND_MESSAGE = 'Không tìm thấy hồ sơ với mã và mã bảo mật này';

/**
 * `GET /tra-cuu/{code}?k={secret}`: the citizen's status page behind the QR code of a
 * receipt, with no token. It answers the status, the appointment day and the agency, as
 * HTML or, with `Accept: application/json`, as JSON; never personal data. Without the
 * dossier's secret (derived from the code with the gateway's key) it answers 404 with
 * the same body as a dossier that does not exist, and never reads the store, so neither
 * the answer nor its timing tells whether a code exists. Each client address is
 * rate-limited (429 RATE_LIMITED with Retry-After); every request is audited, under the
 * agency the code names so the province's auditors see who asks about its dossiers.
 */
export function registerPublicLookupRoute(app: FastifyInstance, { lookup, printing, audit, rateLimit }: PublicLookupOptions): void {
  const buckets = createKeyedTokenBuckets({ capacity: rateLimit.burst, refillPerSecond: rateLimit.perMinute / 60, maxKeys: rateLimit.maxClients });
  const retryAfterSeconds = Math.max(1, Math.ceil(60 / rateLimit.perMinute));

  // Public by design: a citizen holds no token; the per-dossier secret in the link is the key.
  app.get<{ Params: { code: string }; Querystring: { k?: string } }>('/tra-cuu/:code', { config: { access: 'public' } }, async (req, reply) => {
    const started = performance.now();
    const code = req.params.code.trim();
    const json = wantsJson(req);
    const record = (outcome: 'success' | 'rejected', errorCodes: ErrorCode[]) => {
      const agency = provinceOfDossierCode(code) === null ? null : agencyOfDossierCode(code);
      audit.record({
        at: new Date(),
        requestId: req.id,
        access: 'lookup',
        // The dossier code asked for, as far as it can be one (the audit text limit applies).
        operationName: code,
        operationType: null,
        documentHash: null,
        attachment: null,
        refusalReason: null,
        outcome,
        errorCodes,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        clientIp: req.ip ?? null,
        records: outcome === 'success' ? { PublicDossierStatus: 1 } : {},
        sensitiveFields: [],
        subject: null,
        tokenId: null,
        clientId: null,
        agencyCode: agency,
      });
    };
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex').header('x-content-type-options', 'nosniff');

    if (!buckets.tryTake(req.ip ?? 'unknown')) {
      record('rejected', ['RATE_LIMITED']);
      void reply.header('retry-after', String(retryAfterSeconds));
      return refuse(reply, json, 'RATE_LIMITED', `Quá nhiều lượt tra cứu; vui lòng thử lại sau ${retryAfterSeconds} giây`);
    }
    const found = provinceOfDossierCode(code) !== null && printing.isLookupSecret(code, req.query.k) ? await lookup(code) : null;
    if (!found) {
      record('rejected', ['NOT_FOUND']);
      return refuse(reply, json, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    }
    record('success', []);
    const answer = {
      dossierCode: code,
      status: { code: found.status, label: found.status === null ? null : (DOSSIER_STATUS_LABELS[found.status] ?? null) },
      appointmentDate: formatVietnamDate(found.appointmentAt),
      agencyName: found.agencyName,
    };
    if (json) return reply.type('application/json; charset=utf-8').send(answer);
    return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(
      page(
        'Tra cứu hồ sơ',
        `<h1>Hồ sơ ${escapeHtml(code)}</h1><dl>` +
          `<dt>Trạng thái</dt><dd>${escapeHtml(answer.status.label ?? 'Chưa xác định')}</dd>` +
          `<dt>Ngày hẹn trả kết quả</dt><dd>${escapeHtml(answer.appointmentDate ?? 'Không có')}</dd>` +
          `<dt>Cơ quan giải quyết</dt><dd>${escapeHtml(answer.agencyName ?? 'Bộ phận một cửa')}</dd></dl>`,
      ),
    );
  });
}

function refuse(reply: FastifyReply, json: boolean, code: ErrorCode, message: string): FastifyReply {
  void reply.status(ERROR_CATALOGUE[code].httpStatus);
  if (json) return reply.type('application/json; charset=utf-8').send({ errors: [{ message, extensions: { code } }] });
  return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(page('Tra cứu hồ sơ', `<h1>Tra cứu hồ sơ</h1><p>${escapeHtml(message)}.</p>`));
}

/** JSON when the client asks for it over HTML; a browser's Accept lists text/html first. */
function wantsJson(req: FastifyRequest): boolean {
  const accept = String(req.headers.accept ?? '');
  const jsonAt = accept.indexOf('application/json');
  const htmlAt = accept.indexOf('text/html');
  return jsonAt !== -1 && (htmlAt === -1 || jsonAt < htmlAt);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
    '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5}dt{font-weight:600;margin-top:.75rem}dd{margin:0}</style>' +
    `</head><body>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}
