import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { AuditRecord } from '../audit';
import type { Principal } from '../auth';
import type { AuditEntry } from '../store';
import type { GatewayContext } from '../graphql/context';
import { countReturnedRecords } from './count-returned-records';

/** Where the plugin and the routes hand entries; `src/audit`'s writer batches them into the store. */
export interface AuditSink {
  /** Must return at once and never throw: it runs on the request's path. */
  record(entry: AuditRecord): void;
}

/**
 * Who called, as the audit log records it: the person (`sub`), the token (`jti`), the
 * client application and the agency, from the verified token. All null for a request
 * whose token was refused (an unverified claim is never recorded as who called) and for
 * the anonymous principal.
 */
export function auditedPrincipal(principal: Principal | null): Pick<AuditEntry, 'subject' | 'tokenId' | 'clientId' | 'agencyCode'> {
  return {
    subject: principal?.subject ?? null,
    tokenId: principal?.tokenId ?? null,
    clientId: principal?.clientId ?? null,
    agencyCode: principal?.agencyCode ?? null,
  };
}

/**
 * Enums whose values a reader was shown are facts an auditor needs: each value returned is
 * counted in `records` as `<Enum>_<VALUE>` (e.g. `SignatureStatus_INVALID: 1`, the
 * signature status an officer saw before acting on a document).
 */
const AUDITED_ENUMS: ReadonlySet<string> = new Set(['SignatureStatus']);

/**
 * Records every GraphQL operation, answered or refused (Decree 47/2020 asks that every
 * data-sharing access be logged): who called (`auditedPrincipal`), operation name and
 * type, a hash of the document (never the document or variables, which may carry personal
 * data), how many objects of each type went out, which personal-data fields did, outcome
 * and error codes, duration, client IP and request id. The entry is handed to the sink as
 * the response leaves, its counts taken from the response's data in one walk
 * (`countReturnedRecords`): a hook on every field as it resolves would cost every field of
 * every request, and would count objects an error then took out of the answer.
 */
export function useAudit(sink: AuditSink): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const started = performance.now();
      let operationType: AuditEntry['operationType'] = null;
      let operationName: string | null = request.operationName ?? null;
      return {
        async didResolveOperation({ operation }) {
          operationType = operation?.operation ?? null;
          operationName = operation?.name?.value ?? operationName;
        },
        async willSendResponse({ response, queryHash, schema, document, operation }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const data = body?.data;
          const records =
            data && document && operation
              ? countReturnedRecords({ schema, document, operation, variables: request.variables ?? {}, data: data as Record<string, unknown>, auditedEnums: AUDITED_ENUMS })
              : {};
          const errors: readonly GraphQLFormattedError[] = body?.errors ?? [];
          const hasData = body?.data !== undefined && body?.data !== null;
          const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          sink.record({
            at: new Date(),
            requestId: contextValue.requestId,
            access: 'graphql',
            operationName,
            operationType,
            documentHash: queryHash ?? createHash('sha256').update(request.query ?? '').digest('hex'),
            attachment: null,
            outcome: errors.length === 0 ? 'success' : hasData ? 'error' : 'rejected',
            errorCodes: codes,
            refusalReason: null,
            durationMs: Math.round((performance.now() - started) * 100) / 100,
            clientIp: contextValue.clientIp,
            records,
            sensitiveFields: [...contextValue.sensitiveFields].sort(),
            ...auditedPrincipal(contextValue.principal),
          });
        },
      };
    },
  };
}
