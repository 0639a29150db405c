import { Driver, Session } from 'neo4j-driver';
import { breakConnection, heldConnection } from './driver-internals';
import { deadlineExceeded } from './errors';

/** How long past its deadline a statement may stay unanswered before it is abandoned (ms). */
export const DEFAULT_DEADLINE_GRACE_MS = 500;

/** Told when a statement outlived its deadline and was abandoned (for logs and metrics). */
export type AbandonListener = (event: { requestId: string; terminated: number; error?: unknown }) => void;

export interface DeadlineGuard {
  driver: Driver;
  database: string;
  /** The transactions' metadata `requestId`: what SHOW TRANSACTIONS finds them by. */
  requestId: string;
  deadline: number;
  graceMs: number;
  onAbandon?: AbandonListener;
}

/**
 * Runs `work` on `session` and answers by the deadline (plus grace) whatever Neo4j does. Neo4j's own
 * timeout (the Bolt tx_timeout, cut to the deadline) normally ends the statement first; when it does
 * not (Neo4j never answers, or the work sits in a phase that never checks for termination), the
 * connection is broken so the pool gets its slot back, every transaction of the request is
 * terminated server-side, and the caller gets TIMEOUT. `enter` must be called first thing in each
 * transaction attempt: it refuses attempts after the deadline and records the connection in use.
 */
export async function withinDeadline<T>(
  session: Session,
  mode: 'READ' | 'WRITE',
  guard: DeadlineGuard,
  work: (enter: () => void) => Promise<T>,
): Promise<T> {
  let abandoned = false;
  let held: Promise<unknown> | null = null;
  const enter = () => {
    if (abandoned || Date.now() >= guard.deadline) throw deadlineExceeded();
    held = heldConnection(session, mode);
  };
  const running = work(enter);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandoned = true;
      reject(deadlineExceeded());
    }, Math.max(0, guard.deadline - Date.now()) + guard.graceMs);
  });
  try {
    return await Promise.race([running, expired]);
  } catch (error) {
    if (abandoned) {
      running.catch(() => undefined);
      void abandon(guard, held);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Frees the pooled connection, then has Neo4j terminate what is left of the request. */
async function abandon(guard: DeadlineGuard, held: Promise<unknown> | null): Promise<void> {
  try {
    if (held) await breakConnection(held);
    const terminated = await terminateTransactions(guard.driver, guard.database, guard.requestId);
    guard.onAbandon?.({ requestId: guard.requestId, terminated });
  } catch (error) {
    guard.onAbandon?.({ requestId: guard.requestId, terminated: 0, error });
  }
}

/** Terminates every transaction Neo4j lists with this request id in its metadata; how many it found. */
export async function terminateTransactions(driver: Driver, database: string, requestId: string): Promise<number> {
  const config = { database, transactionConfig: { timeout: 2_000 } };
  const listed = await driver.executeQuery(
    'SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.requestId = $requestId RETURN transactionId',
    { requestId },
    config,
  );
  const ids = listed.records.map((record) => record.get('transactionId') as string);
  if (ids.length) await driver.executeQuery('TERMINATE TRANSACTIONS $ids', { ids }, config);
  return ids.length;
}

/** The ids of the transactions Neo4j still lists for a request (for /readyz-like checks and tests). */
export async function listedTransactions(driver: Driver, database: string, requestId: string): Promise<{ id: string; status: string }[]> {
  const listed = await driver.executeQuery(
    'SHOW TRANSACTIONS YIELD transactionId, status, metaData WHERE metaData.requestId = $requestId RETURN transactionId, status',
    { requestId },
    { database, transactionConfig: { timeout: 2_000 } },
  );
  return listed.records.map((record) => ({ id: record.get('transactionId'), status: record.get('status') }));
}
