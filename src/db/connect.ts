import { Driver } from 'neo4j-driver';
import { Config } from '../config';
import { Graph, createDriver } from './graph';

/** A connection failure worth one clear line to the user, naming the setting involved. */
export class DatabaseUnavailableError extends Error {
  constructor(readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/** What a supervisor of the database process says of it, for /healthz and /readyz. */
export interface DatabaseHealth {
  /** False once the supervisor has given up: only a restart of the app helps. */
  live: boolean;
  /** False while the process is down, restarting or given up on. */
  ready: boolean;
  reason?: string;
  detail?: Record<string, unknown>;
}

export interface Database {
  driver: Driver;
  graph: Graph;
  uri: string;
  /** What the supervisor says of the embedded Neo4j; null with NEO4J_URI (the driver reconnects by itself). */
  health(): DatabaseHealth | null;
  /** Closes the driver, then whatever runs the database (the embedded Neo4j stops cleanly: it is not restarted). */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries until the server answers (it may still be recovering) or the timeout passes. */
async function waitForServer(driver: Driver, database: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await driver.executeQuery('RETURN 1', {}, { database });
      return;
    } catch (error: any) {
      const code: string = error?.code ?? '';
      if (code.includes('Security') || code.includes('Unauthorized')) {
        throw new DatabaseUnavailableError('NEO4J_USER/NEO4J_PASSWORD', `rejected by the server (${code})`);
      }
      if (code.includes('DatabaseNotFound')) {
        throw new DatabaseUnavailableError('NEO4J_DATABASE', `the server has no database "${database}"`);
      }
      if (Date.now() + Math.min(2_000, 250 * attempt) > deadline) {
        throw new DatabaseUnavailableError('NEO4J_URI', `no answer within ${Math.round(timeoutMs / 1000)} s (${firstLine(error)})`);
      }
      await sleep(Math.min(2_000, 250 * attempt));
    }
  }
}

export const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0];

/**
 * Opens the driver on `uri` and waits until the server answers. `owner` is what runs the database
 * when the app does (the embedded Neo4j): it is stopped when connecting fails and on close.
 */
export async function openDatabase(
  uri: string,
  neo4j: Config['neo4j'],
  owner: { stop(): Promise<void>; health(): DatabaseHealth } | null = null,
): Promise<Database> {
  let driver: Driver;
  try {
    driver = createDriver(uri, neo4j.user, neo4j.password);
  } catch (error) {
    await owner?.stop();
    throw new DatabaseUnavailableError('NEO4J_URI', firstLine(error));
  }
  try {
    await waitForServer(driver, neo4j.database, neo4j.connectTimeoutMs);
  } catch (error) {
    await driver.close();
    await owner?.stop();
    throw error;
  }
  return {
    driver,
    graph: new Graph(driver, neo4j.database),
    uri,
    health: () => owner?.health() ?? null,
    async close() {
      await driver.close();
      await owner?.stop();
    },
  };
}
