import neo4j, { Driver, ManagedTransaction, isDate, isDateTime, isLocalDateTime, isDuration } from 'neo4j-driver';

export type Params = Record<string, unknown>;
export type Row = Record<string, any>;

/** Counts Cypher round trips; one counter per request, shared by its repositories. */
export interface QueryStats {
  roundTrips: number;
}

/** What repositories write through inside one transaction. */
export interface Transaction {
  run(cypher: string, params?: Params): Promise<Row[]>;
}

/**
 * The one door to Neo4j. Reads go to read transactions and writes to write transactions, so a
 * cluster or Aura routes them; every call shares the driver's bookmark manager, so a client's
 * read after its own write sees that write.
 */
export class Graph {
  constructor(
    readonly driver: Driver,
    readonly database: string,
    readonly stats: QueryStats = { roundTrips: 0 },
  ) {}

  /** A view of the same driver with its own round-trip counter, for one request. */
  scoped(): Graph {
    return new Graph(this.driver, this.database, { roundTrips: 0 });
  }

  async read(cypher: string, params: Params = {}): Promise<Row[]> {
    this.stats.roundTrips += 1;
    const result = await this.driver.executeQuery(cypher, params, {
      database: this.database,
      routing: neo4j.routing.READ,
    });
    return result.records.map((record) => plain(record.toObject()));
  }

  async write(cypher: string, params: Params = {}): Promise<Row[]> {
    this.stats.roundTrips += 1;
    const result = await this.driver.executeQuery(cypher, params, {
      database: this.database,
      routing: neo4j.routing.WRITE,
    });
    return result.records.map((record) => plain(record.toObject()));
  }

  /** Several statements that commit together or not at all; retried on transient errors. */
  async writeTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    try {
      return await session.executeWrite((tx: ManagedTransaction) =>
        work({
          run: async (cypher, params = {}) => {
            this.stats.roundTrips += 1;
            const result = await tx.run(cypher, params);
            return result.records.map((record) => plain(record.toObject()));
          },
        }),
      );
    } finally {
      await session.close();
    }
  }
}

/** Temporal values become ISO strings so resolvers only ever see JSON-like data. */
function plain(value: any): any {
  // Most values are strings and numbers: return them before the temporal checks.
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (isDateTime(value) || isDate(value) || isLocalDateTime(value) || isDuration(value)) return value.toString();
  if (typeof value === 'object' && value.constructor === Object) {
    const out: Row = {};
    for (const [key, inner] of Object.entries(value)) out[key] = plain(inner);
    return out;
  }
  return value;
}

export function createDriver(uri: string, user: string, password: string): Driver {
  return neo4j.driver(uri, neo4j.auth.basic(user, password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 10_000,
    userAgent: 'honorgraph/0.1',
  });
}
