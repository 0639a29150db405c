import { Driver, Session } from 'neo4j-driver';
import { breakConnection, heldConnection } from './driver-internals';
import { deadlineExceeded } from './errors';

/** How long past its deadline a statement may stay unanswered before it is abandoned (ms). */
export const DEFAULT_DEADLINE_GRACE_MS = 500;

/** Told when a statement outlived its deadline and was abandoned (for logs and metrics). */
export type AbandonListener = (event: { requestId: string | null; terminated: number; error?: unknown }) => void;

export interface DeadlineGuard {
  driver: Driver;
  database: string;
  /** The transactions' metadata `statement`: what SHOW TRANSACTIONS finds them by. */
  statement: string;
  /** The request's id, for the log line. */
  requestId: string | null;
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
 * The session is closed here: when the work ends, or after its connection is broken.
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
      // Before its first attempt started, the session may still be waiting for its connection:
      // then that is the one to break when it comes.
      void abandon(guard, session, held ?? heldConnection(session, mode));
    }
    throw error;
  } finally {
    clearTimeout(timer);
    if (!abandoned) await session.close();
  }
}

/** Frees the pooled connection, closes the session, then has Neo4j terminate what is left of the request. */
async function abandon(guard: DeadlineGuard, session: Session, held: Promise<unknown>): Promise<void> {
  try {
    await breakConnection(held);
    // Never waited for: the session may still be finishing an attempt on its own.
    session.close().catch(() => undefined);
    const terminated = await terminatorOf(guard.driver, guard.database).terminate(guard.statement);
    guard.onAbandon?.({ requestId: guard.requestId, terminated });
  } catch (error) {
    guard.onAbandon?.({ requestId: guard.requestId, terminated: 0, error });
  }
}

const terminators = new WeakMap<Driver, Map<string, Terminator>>();

function terminatorOf(driver: Driver, database: string): Terminator {
  let byDatabase = terminators.get(driver);
  if (!byDatabase) terminators.set(driver, (byDatabase = new Map()));
  let terminator = byDatabase.get(database);
  if (!terminator) byDatabase.set(database, (terminator = new Terminator(driver, database)));
  return terminator;
}

/**
 * Terminates abandoned requests' transactions, many requests per round: a burst of abandoned
 * statements costs one SHOW TRANSACTIONS (and one connection) at a time, not one each.
 */
class Terminator {
  private waiting = new Map<string, { resolve: (found: number) => void; reject: (error: unknown) => void }[]>();
  private running = false;

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
  ) {}

  terminate(statement: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const callers = this.waiting.get(statement) ?? [];
      callers.push({ resolve, reject });
      this.waiting.set(statement, callers);
      if (!this.running) void this.rounds();
    });
  }

  private async rounds(): Promise<void> {
    this.running = true;
    while (this.waiting.size) {
      const batch = this.waiting;
      this.waiting = new Map();
      try {
        const found = await this.withRetries(() => terminateTransactions(this.driver, this.database, [...batch.keys()]));
        for (const [statement, callers] of batch) for (const caller of callers) caller.resolve(found.get(statement) ?? 0);
      } catch (error) {
        for (const callers of batch.values()) for (const caller of callers) caller.reject(error);
      }
    }
    this.running = false;
  }

  /** A Neo4j busy with what is being terminated may not take a new connection in time: try again. */
  private async withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (tries >= TERMINATION_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }
}

const TERMINATION_ATTEMPTS = 3;

/** Terminates every transaction Neo4j lists with one of these statement tags; how many per tag. */
export async function terminateTransactions(driver: Driver, database: string, statements: string[]): Promise<Map<string, number>> {
  const config = { database, transactionConfig: { timeout: 5_000 } };
  const listed = await driver.executeQuery(
    'SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.statement IN $statements RETURN transactionId, metaData.statement AS statement',
    { statements },
    config,
  );
  const found = new Map<string, number>();
  for (const record of listed.records) found.set(record.get('statement'), (found.get(record.get('statement')) ?? 0) + 1);
  const ids = listed.records.map((record) => record.get('transactionId') as string);
  if (ids.length) await driver.executeQuery('TERMINATE TRANSACTIONS $ids', { ids }, config);
  return found;
}

/** The transactions Neo4j still lists for a request id (for tests and people checking by hand). */
export async function listedTransactions(driver: Driver, database: string, requestId: string): Promise<{ id: string; status: string }[]> {
  const listed = await driver.executeQuery(
    'SHOW TRANSACTIONS YIELD transactionId, status, metaData WHERE metaData.requestId = $requestId RETURN transactionId, status',
    { requestId },
    { database, transactionConfig: { timeout: 5_000 } },
  );
  return listed.records.map((record) => ({ id: record.get('transactionId'), status: record.get('status') }));
}
