/** How an access ended: answered, answered with errors, or refused before execution. */
export type AuditOutcome = 'success' | 'error' | 'rejected';

export type AuditOperationType = 'query' | 'mutation' | 'subscription';

/**
 * What was accessed: a GraphQL operation, an attachment download (`GET
 * /documents/:id/attachments/:contentId`), or a citizen's public status lookup
 * (`GET /tra-cuu/:code`, whose `operationName` is the dossier code asked for).
 */
export type AuditAccess = 'graphql' | 'attachment' | 'lookup';

/** The entry format the audit writer writes now. */
export const AUDIT_ENTRY_VERSION = 2;

/** The attachment an attachment download asked for. */
export interface AuditAttachmentTarget {
  /** The document copy's id (`Document.id`, `{source}:{axis id}`) as the request named it. */
  documentId: string;
  /** The attachment's content id (`cid:209`) as the request named it. */
  contentId: string;
}

/** One recorded access: a GraphQL operation or an attachment download, answered or refused. */
export interface AuditEntry {
  /**
   * ULID-like, sortable, assigned by the audit writer (`src/audit`) in the order entries are
   * recorded. Id order is the order of the hash chain (see {@link AuditRepository.scanChain}).
   */
  id: string;
  /**
   * The entry's format, which its hash rule follows (`src/audit/hash-audit-entry.ts`): 2 for
   * every entry written now; 1 for entries written before the log recorded the subject, the
   * token id and downloads. A version-1 entry has `access: 'graphql'`, no subject, token id,
   * attachment or refusal reason, and in `clientId` what was then recorded as the principal:
   * the client, or the subject when the token named no client.
   */
  version: 1 | 2;
  at: Date;
  requestId: string;
  access: AuditAccess;
  operationName: string | null;
  operationType: AuditOperationType | null;
  /** sha256 of the GraphQL document, lowercase hex; null for an access that is not a GraphQL operation. */
  documentHash: string | null;
  /** What an attachment download asked for; null for a GraphQL operation. */
  attachment: AuditAttachmentTarget | null;
  outcome: AuditOutcome;
  /** Catalogue codes of the errors the response carried, in order. */
  errorCodes: string[];
  /** Why a bearer token was refused (`TOKEN_EXPIRED`, `TOKEN_INVALID_SIGNATURE`, …), when that is why the access was refused. */
  refusalReason: string | null;
  durationMs: number;
  clientIp: string | null;
  /** GraphQL type name → number of objects of that type returned. */
  records: Record<string, number>;
  /** Schema coordinates of sensitive fields the response contained, e.g. `Applicant.idNumber`. */
  sensitiveFields: string[];
  /** The verified token's `sub`: the person (an officer) or service account behind the call. */
  subject: string | null;
  /** The verified token's `jti`: which issued token was used. */
  tokenId: string | null;
  /** The verified token's client application (`client_id`, else `azp`). */
  clientId: string | null;
  /** The agency the caller acted for (the token's agency claim); null for anonymous and refused requests. */
  agencyCode: string | null;
  /**
   * Tamper evidence, filled by the audit writer: `hash` of the entry before this one in the
   * chain (null for the first entry ever), and this entry's own hash, which covers every
   * other field including `prevHash` (the rule is in `src/audit/hash-audit-entry.ts`).
   */
  prevHash: string | null;
  hash: string | null;
}

/** Every field is optional; the ones given must all match. `from` is inclusive, `to` exclusive. */
export interface AuditFilter {
  from?: Date;
  to?: Date;
  access?: AuditAccess;
  operationName?: string;
  outcome?: AuditOutcome;
  /** Matches entries whose `errorCodes` contain this code. */
  errorCode?: string;
  subject?: string;
  clientId?: string;
  /** An agency code; null matches the entries of callers acting for no agency (anonymous and refused requests). */
  agencyCode?: string | null;
}

export interface AuditPage {
  /** Page size, 1 to {@link MAX_AUDIT_PAGE_SIZE}. */
  first: number;
  /** `nextCursor` of the previous page. */
  after?: string;
}

export interface AuditQueryResult {
  /** Newest first (by `at`, then `id`). */
  items: AuditEntry[];
  /** Entries matching the filter, whatever the page. */
  totalCount: number;
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const MAX_AUDIT_PAGE_SIZE = 1000;

/**
 * The longest text the store accepts in each field (shorter text, including the empty
 * string, is fine; only `id` and `requestId` must not be empty). `append` refuses longer;
 * the audit writer truncates client-supplied values to these before buffering, so an
 * oversized operation name can never keep an operation out of the log.
 */
export const AUDIT_TEXT_LIMITS = {
  id: 64,
  requestId: 200,
  operationName: 500,
  clientIp: 100,
  refusalReason: 100,
  subject: 500,
  tokenId: 500,
  clientId: 500,
  agencyCode: 500,
  /** Each of `attachment.documentId` and `attachment.contentId`. */
  attachmentPart: 500,
  prevHash: 500,
  hash: 500,
  /** Each element of `errorCodes`. */
  errorCode: 100,
  /** Each element of `sensitiveFields`. */
  sensitiveField: 200,
} as const;

/** The audit log: every GraphQL operation and download the gateway answered or refused. */
export interface AuditRepository {
  /**
   * Stores a batch atomically: all of it or none of it. Appending an entry whose `id` is
   * already stored is a no-op, so retrying a batch whose outcome is unknown never
   * duplicates. Rejects with a TypeError naming the bad entry when one is malformed, and
   * with STORE_UNAVAILABLE when the store cannot be written (worth retrying).
   *
   * With `after` (the id of the newest entry the writer knows is stored, null for an empty
   * log), the batch is written only if that is still the newest stored entry, checked in
   * the same transaction; otherwise it rejects with STORE_CONFLICT and writes nothing. So
   * several writers on one store (replicas) keep one chain: a writer whose head moved
   * re-reads it and chains its batch after it.
   */
  append(entries: AuditEntry[], after?: string | null): Promise<void>;
  /**
   * Entries matching `filter`, newest first. The cursor is opaque and stable: it encodes
   * the position of the last item returned, so entries appended meanwhile never shift a
   * later page (no duplicates, no gaps). A bad filter or cursor rejects with BAD_USER_INPUT.
   */
  query(filter: AuditFilter, page: AuditPage): Promise<AuditQueryResult>;
  /** Deletes entries with `at` before `date`; resolves with how many were deleted. */
  purgeOlderThan(date: Date): Promise<number>;
  /**
   * The entry with the greatest `id`, or null when the log is empty: the last link of the
   * hash chain, which a new audit writer continues. Ordered by `id`, not `at`: ids are
   * assigned in the order entries are recorded and never step back, while `at` follows
   * the wall clock, which can (an index lookup on both adapters).
   */
  lastEntry(): Promise<AuditEntry | null>;
  /**
   * Up to `limit` entries whose `id` is greater than `after` (from the first entry when
   * null), in ascending `id` order: the hash chain, oldest link first. Walk the whole log
   * by passing the last id of each page as the next `after`; an id that is no longer
   * stored still works as a position. `limit` is 1 to {@link MAX_AUDIT_PAGE_SIZE}; a bad
   * argument rejects with BAD_USER_INPUT.
   */
  scanChain(after: string | null, limit: number): Promise<AuditEntry[]>;
}
