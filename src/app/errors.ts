import { GraphQLFormattedError } from 'graphql';

/**
 * Codes whose messages are written for clients and are sent as they are. Any other error is
 * internal: its message could hold Cypher, a driver message or a stack, so the client gets
 * INTERNAL_SERVER_ERROR and the request id, and the log gets the rest.
 */
export const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SERVICE_UNAVAILABLE',
  'TIMEOUT',
  'TOO_MANY_REQUESTS',
  // A live subscription's `after` is older than LIVE_RETENTION_REVISIONS (docs/live.md).
  'POSITION_EXPIRED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const INTERNAL_MESSAGE = 'Internal server error; quote the requestId when reporting it.';

/** Apollo's formatError: keeps client errors, masks the rest; never a stack trace. */
export function formatError(formatted: GraphQLFormattedError, _error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code } };
  }
  return {
    message: INTERNAL_MESSAGE,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Whether the server failed (as opposed to the client): logged at error level with detail. */
export function isInternal(code: unknown): boolean {
  return typeof code !== 'string' || !CLIENT_ERROR_CODES.has(code);
}
