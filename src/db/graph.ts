import { randomUUID } from 'node:crypto';
import neo4j, { Driver, Integer, ManagedTransaction, Session, isDate, isDateTime, isLocalDateTime, isDuration } from 'neo4j-driver';
import { AbandonListener, DEFAULT_DEADLINE_GRACE_MS, withinDeadline } from './deadline';
import { RequestBookmarks } from './bookmarks';
import { classifyDatabaseError, deadlineExceeded } from './errors';

export type Params = Record<string, unknown>;
export type Row = Record<string, any>;

/** Counts Cypher round trips; one counter per request, shared by its repositories. */
export interface QueryStats {
  roundTrips: number;
}

/** Told about every statement, for metrics; `ms` is the round trip as the app sees it. */
export interface GraphObserver {
  query(kind: 'read' | 'write', ms: number, failed: boolean): void;
  /** Transactions holding a pooled connection right now changed by `delta`. */
  inFlight(delta: number): void;
}

export interface GraphOptions {
  /** Neo4j aborts any transaction of ours running longer (ms). */
  transactionTimeoutMs?: number;
  /** Epoch ms after which this request may not start or continue a transaction. */
  deadline?: number;
  observer?: GraphObserver;
  /** Most items a nested list (awards, members, children…) returns per parent. */
  maxListItems?: number;
  /** Put in every transaction's metadata (`requestId`), so SHOW TRANSACTIONS shows whose work it is. */
  requestId?: string;
  /** How long past the deadline a statement may stay unanswered before it is abandoned (ms). */
  deadlineGraceMs?: number;
  /** Told when a statement outlived its deadline, its connection was closed and its transactions terminated. */
  onAbandon?: AbandonListener;
  /** A request's bookmarks: what its transactions wait for (another instance's writes), where its writes' go. */
  bookmarks?: RequestBookmarks;
}

export const DEFAULT_MAX_LIST_ITEMS = 500;

/** What every transaction of ours carries; SHOW TRANSACTIONS shows it as `metaData`. */
export interface TransactionMetadata {
  app: 'honorgraph';
  /** The request's id (its x-request-id), when the statement runs for a request. */
  requestId?: string;
  statement: string;
}

/** What repositories write through inside one transaction. */
export interface Transaction {
  run(cypher: string, params?: Params): Promise<Row[]>;
}

/**
 * The one door to Neo4j. Reads go to read transactions and writes to write transactions, so a
 * cluster or Aura routes them (test/routing.test.ts runs them over neo4j://); every call shares
 * the driver's bookmark manager, so a client's read after its own write sees that write, and a
 * request's own bookmarks (src/db/bookmarks.ts) carry that across app instances.
 */
export class Graph {
  constructor(
    readonly driver: Driver,
    readonly database: string,
    readonly stats: QueryStats = { roundTrips: 0 },
    readonly options: GraphOptions = {},
  ) {}

  /** The per-parent cap for nested lists, as a Cypher parameter value (an integer, so LIMIT takes it too). */
  get listCap(): Integer {
    return neo4j.int(this.options.maxListItems ?? DEFAULT_MAX_LIST_ITEMS);
  }

  /** A view of the same driver with its own round-trip counter (and deadline), for one request. */
  scoped(extra: { deadline?: number; requestId?: string } = {}): Graph {
    return this.derive({ roundTrips: 0 }, { ...this.options, ...extra });
  }

  /** The same graph with some options changed (the server sets its timeouts and metrics so). */
  withOptions(extra: GraphOptions): Graph {
    return this.derive(this.stats, { ...this.options, ...extra });
  }

  /** A copy of the same class (tests wrap Graph to inject faults), with its own stats and options. */
  private derive(stats: QueryStats, options: GraphOptions): Graph {
    return Object.assign(Object.create(Object.getPrototypeOf(this)), this, { stats, options });
  }

  /**
   * Neo4j's timeout for the next transaction (the configured one, cut to what the deadline leaves)
   * and its metadata: the request (for people reading SHOW TRANSACTIONS) and a tag of this one
   * statement, by which an abandoned one is found and terminated.
   */
  private transactionConfig(): { timeout?: number; metadata: TransactionMetadata } {
    let timeout = this.options.transactionTimeoutMs;
    if (this.options.deadline !== undefined) {
      const left = this.options.deadline - Date.now();
      if (left <= 0) throw deadlineExceeded();
      timeout = timeout === undefined ? left : Math.min(timeout, left);
    }
    // The statement tag is the server's own: a client's x-request-id may repeat another's, so
    // termination goes by the tag, never by the request id.
    const metadata: TransactionMetadata = { app: 'honorgraph', statement: randomUUID() };
    if (this.options.requestId) metadata.requestId = this.options.requestId;
    return timeout === undefined ? { metadata } : { timeout: Math.max(1, Math.ceil(timeout)), metadata };
  }

  /** Runs one statement or transaction, counting and timing it and classifying its failure. */
  private async measured<T>(kind: 'read' | 'write', work: () => Promise<T>): Promise<T> {
    const observer = this.options.observer;
    const started = performance.now();
    observer?.inFlight(1);
    let failed = false;
    try {
      return await work();
    } catch (error) {
      failed = true;
      throw classifyDatabaseError(error);
    } finally {
      observer?.inFlight(-1);
      observer?.query(kind, performance.now() - started, failed);
    }
  }

  /**
   * A session for one call, bounded by the request's deadline when there is one: past it (plus the
   * grace) the call answers TIMEOUT, its connection is closed rather than returned to the pool, and
   * Neo4j terminates its transactions (src/db/deadline.ts).
   */
  private async inSession<T>(
    mode: 'READ' | 'WRITE',
    statement: string,
    work: (session: Session, enter: () => void) => Promise<T>,
  ): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
      // Combined with the manager's by the driver: this instance's own writes and the client's.
      bookmarks: this.options.bookmarks?.given.length ? [...this.options.bookmarks.given] : undefined,
    });
    const deadline = this.options.deadline;
    if (deadline === undefined) {
      try {
        return await work(session, () => undefined);
      } finally {
        await session.close();
      }
    }
    const guard = {
      driver: this.driver,
      database: this.database,
      statement,
      requestId: this.options.requestId ?? null,
      deadline,
      graceMs: this.options.deadlineGraceMs ?? DEFAULT_DEADLINE_GRACE_MS,
      onAbandon: this.options.onAbandon,
    };
    // Closes the session itself: at once, or once its connection is broken when abandoned.
    return withinDeadline(session, mode, guard, (enter) => work(session, enter));
  }

  async read(cypher: string, params: Params = {}): Promise<Row[]> {
    return this.statement('READ', cypher, params);
  }

  async write(cypher: string, params: Params = {}): Promise<Row[]> {
    return this.statement('WRITE', cypher, params);
  }

  /** One statement in its own transaction, retried on transient errors as driver.executeQuery does. */
  private async statement(mode: 'READ' | 'WRITE', cypher: string, params: Params): Promise<Row[]> {
    this.stats.roundTrips += 1;
    const transactionConfig = this.transactionConfig();
    return this.measured(mode === 'READ' ? 'read' : 'write', () =>
      this.inSession(mode, transactionConfig.metadata.statement, async (session, enter) => {
        const run = async (tx: ManagedTransaction) => {
          enter();
          const result = await tx.run(cypher, params);
          return result.records.map((record) => plain(record.toObject()));
        };
        if (mode === 'READ') return session.executeRead(run, transactionConfig);
        const rows = await session.executeWrite(run, transactionConfig);
        this.options.bookmarks?.recordWrite(session.lastBookmarks());
        return rows;
      }),
    );
  }

  /** Several statements that commit together or not at all; retried on transient errors. */
  async writeTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const transactionConfig = this.transactionConfig();
    return this.measured('write', () =>
      this.inSession('WRITE', transactionConfig.metadata.statement, async (session, enter) => {
        const done = await session.executeWrite((tx: ManagedTransaction) => {
          enter();
          return work({
            run: async (cypher, params = {}) => {
              this.stats.roundTrips += 1;
              const result = await tx.run(cypher, params);
              return result.records.map((record) => plain(record.toObject()));
            },
          });
        }, transactionConfig);
        this.options.bookmarks?.recordWrite(session.lastBookmarks());
        return done;
      }),
    );
  }
}

/**
 * Temporal values become ISO strings so resolvers only ever see JSON-like data. The driver builds
 * fresh maps and lists for every record, so they are converted in place rather than copied.
 */
function plain(value: any): any {
  // Most values are strings and numbers: return them before anything else.
  if (value === null || typeof value !== 'object') return value;
  if (value.constructor === Object) {
    for (const key in value) {
      const inner = value[key];
      if (inner !== null && typeof inner === 'object') value[key] = plain(inner);
    }
    return value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = value[i];
      if (inner !== null && typeof inner === 'object') value[i] = plain(inner);
    }
    return value;
  }
  if (isDateTime(value) || isDate(value) || isLocalDateTime(value) || isDuration(value)) return value.toString();
  return value;
}

export const MAX_CONNECTION_POOL_SIZE = 50;

/**
 * Short connect and retry budgets: while Neo4j is away a request should fail within seconds with
 * SERVICE_UNAVAILABLE rather than hang; the driver reconnects on its own once Neo4j is back.
 */
export function createDriver(uri: string, user: string, password: string): Driver {
  return neo4j.driver(uri, neo4j.auth.basic(user, password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: MAX_CONNECTION_POOL_SIZE,
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 3_000,
    maxTransactionRetryTime: 2_000,
    userAgent: 'honorgraph/0.1',
  });
}
