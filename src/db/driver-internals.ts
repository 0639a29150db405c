import { Driver, Neo4jError, Session } from 'neo4j-driver';

/**
 * The only code that reaches inside neo4j-driver 6, which has no public way to drop one pooled
 * connection or to count the pool's connections in use. test/deadlines.test.ts checks both against
 * the installed driver and fails loudly when a driver upgrade moves what they rely on.
 */

/** The error a broken connection hands to whatever waits on it: not retriable, so no retry starts. */
export const ABANDONED_CODE = 'HonorGraph.Client.DeadlineExceeded';

/**
 * The connection a session's transaction runs on. Call it inside the transaction's work: later the
 * session swaps this promise for one of giving the connection back (which waits for Neo4j's answer
 * to a RESET).
 */
export function heldConnection(session: Session, mode: 'READ' | 'WRITE'): Promise<unknown> {
  const holder = (session as any)[mode === 'READ' ? '_readConnectionHolder' : '_writeConnectionHolder'];
  const pending = holder?._connectionPromise;
  if (!pending || typeof pending.then !== 'function') throw new Error('neo4j-driver internals changed: a session has no _readConnectionHolder/_writeConnectionHolder._connectionPromise');
  return pending;
}

/**
 * Marks a connection broken and closes its socket. Everything waiting on it (a statement Neo4j never
 * answers, the RESET the driver sends before returning a connection) fails at once, and the pool
 * destroys it instead of taking it back. This is the path the driver itself takes on a fatal network
 * error (`ChannelConnection._handleFatalError`); session.close() alone would wait for the RESET, for
 * ever when Neo4j does not answer. False when there was nothing to break.
 */
export async function breakConnection(held: Promise<unknown>): Promise<boolean> {
  const connection: any = await held.catch(() => null);
  // Pooled connections come wrapped in a DelegateConnection; the channel connection is inside.
  const channel = connection?._delegate ?? connection;
  if (!channel) return false;
  if (typeof channel._handleFatalError !== 'function') throw new Error('neo4j-driver internals changed: a connection has no _handleFatalError');
  channel._handleFatalError(new Neo4jError('The request deadline passed; the connection was closed', ABANDONED_CODE, '50N42', 'error: general processing exception - unexpected error'));
  await channel.close().catch(() => undefined);
  return true;
}

/** Connections of the driver's pool lent out right now, over every server address. */
export function pooledConnectionsInUse(driver: Driver): number {
  const counts: Record<string, number> | undefined = (driver as any)._connectionProvider?._connectionPool?._activeResourceCounts;
  if (!counts) throw new Error('neo4j-driver internals changed: no _connectionProvider._connectionPool._activeResourceCounts');
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}
