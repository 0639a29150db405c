import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';

/**
 * Turns the driver's failures into errors a client can act on. Only the code and a fixed message
 * leave this module: the driver's own message (which may quote Cypher) stays in `cause` for the logs.
 */
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
  'Neo.TransientError.Database.DatabaseUnavailable',
]);

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
  // A bookmark of a write this server has not reached (yet): waited for, then given up.
  'Neo.TransientError.Transaction.BookmarkTimeout',
]);

/** A client's HonorGraph-Bookmark that Neo4j cannot read (src/db/bookmarks.ts checks only its form). */
const BOOKMARK_CODES = new Set(['Neo.ClientError.Transaction.InvalidBookmark', 'Neo.ClientError.Transaction.InvalidBookmarkMixture']);

export function serviceUnavailable(cause?: unknown): GraphQLError {
  return new GraphQLError('The database is unavailable; try again shortly.', {
    extensions: { code: 'SERVICE_UNAVAILABLE' },
    originalError: cause instanceof Error ? cause : undefined,
  });
}

export function deadlineExceeded(cause?: unknown): GraphQLError {
  return new GraphQLError('The request took longer than its time limit and was stopped.', {
    extensions: { code: 'TIMEOUT' },
    originalError: cause instanceof Error ? cause : undefined,
  });
}

export function isDatabaseUnavailable(error: any): boolean {
  const code: string = error?.code ?? '';
  if (UNAVAILABLE_CODES.has(code)) return true;
  // The pool gives up waiting for a connection when Neo4j cannot be reached.
  return error instanceof Neo4jError && /acquisition timed out|connection refused|ECONNREFUSED|ECONNRESET/i.test(error.message);
}

/** A GraphQLError for database trouble the client should know about; anything else unchanged. */
export function classifyDatabaseError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  const code: string = (error as any)?.code ?? '';
  if (TIMEOUT_CODES.has(code)) return deadlineExceeded(error);
  if (BOOKMARK_CODES.has(code)) {
    return new GraphQLError('HonorGraph-Bookmark: the database does not know this bookmark; send one this service returned', {
      extensions: { code: 'BAD_USER_INPUT', field: 'HonorGraph-Bookmark' },
      originalError: error instanceof Error ? error : undefined,
    });
  }
  if (isDatabaseUnavailable(error)) return serviceUnavailable(error);
  return error;
}
