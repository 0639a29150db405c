import { Driver } from 'neo4j-driver';
import { Config } from '../config';
import { Graph, createDriver } from './graph';
import { DatabaseHealth, LocalNeo4jSupervisor } from '../local-neo4j/local-supervisor';

/** A connection failure worth one clear line to the user, naming the setting involved. */
export class DatabaseUnavailableError extends Error {
  constructor(readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'DatabaseUnavailableError';
  }
}

export interface Database {
  driver: Driver;
  graph: Graph;
  uri: string;
  /** The embedded Neo4j's supervisor; null with NEO4J_URI. */
  local: LocalNeo4jSupervisor | null;
  /** What the supervisor says of the embedded Neo4j; null with NEO4J_URI (the driver reconnects by itself). */
  health(): DatabaseHealth | null;
  /** Closes the driver, then stops the embedded Neo4j (cleanly: it is not restarted). */
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

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0];

/**
 * Connects to NEO4J_URI, or starts the embedded Neo4j from tools/neo4j-local when it is unset.
 */
export async function connectDatabase(config: Config, log: (line: string) => void): Promise<Database> {
  let local: LocalNeo4jSupervisor | null = null;
  let uri = config.neo4j.uri;
  if (!uri) {
    log(`starting the local Neo4j 5.26 (data in ${config.local.home}, Bolt on 127.0.0.1:${config.local.port})`);
    try {
      local = await LocalNeo4jSupervisor.start(
        { ...config.local, log: (line) => log(line === 'NEO4J_STOPPED' ? 'the local Neo4j stopped cleanly' : line) },
        config.localRestart,
        log,
      );
    } catch (error) {
      throw new DatabaseUnavailableError('NEO4J_LOCAL_*', firstLine(error));
    }
    uri = local.uri;
  }
  let driver: Driver;
  try {
    driver = createDriver(uri, config.neo4j.user, config.neo4j.password);
  } catch (error) {
    await local?.stop();
    throw new DatabaseUnavailableError('NEO4J_URI', firstLine(error));
  }
  try {
    await waitForServer(driver, config.neo4j.database, config.neo4j.connectTimeoutMs);
  } catch (error) {
    await driver.close();
    await local?.stop();
    throw error;
  }
  return {
    driver,
    graph: new Graph(driver, config.neo4j.database),
    uri,
    local,
    health: () => local?.health() ?? null,
    async close() {
      await driver.close();
      await local?.stop();
    },
  };
}
