import { GraphQLError } from 'graphql';
import type { ErrorCode } from './catalogue';

/** Extensions every catalogue error may carry. `source` names the configured source. */
export interface GatewayErrorExtensions {
  source?: string;
  /** The source's own error code or HTTP status, when it gave one. */
  upstreamCode?: string | number;
  [key: string]: unknown;
}

/**
 * A catalogue error. It is a GraphQLError so that resolvers can throw or return it as is
 * and Apollo sends `extensions.code` unchanged; `cause` keeps the original failure for the
 * log and is never serialised to clients.
 */
export class GatewayError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, extensions: GatewayErrorExtensions = {}, cause?: unknown) {
    super(message, { extensions: { ...extensions, code }, originalError: cause instanceof Error ? cause : undefined });
    this.code = code;
    this.name = 'GatewayError';
  }

  /** The configured source the error came from, if any. */
  get sourceName(): string | undefined {
    return this.extensions.source as string | undefined;
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}
