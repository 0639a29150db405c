import { Config } from '../config';
import { Database, DatabaseUnavailableError, firstLine, openDatabase } from '../db/connect';
import { LocalNeo4jSupervisor } from './local-supervisor';

/**
 * Connects to NEO4J_URI, or starts the embedded Neo4j from tools/neo4j-local when it is unset
 * (and stops it when the database is closed).
 */
export async function connectDatabase(config: Config, log: (line: string) => void): Promise<Database> {
  if (config.neo4j.uri) return openDatabase(config.neo4j.uri, config.neo4j);
  log(`starting the local Neo4j 5.26 (data in ${config.local.home}, Bolt on 127.0.0.1:${config.local.port})`);
  let local: LocalNeo4jSupervisor;
  try {
    local = await LocalNeo4jSupervisor.start(
      { ...config.local, log: (line) => log(line === 'NEO4J_STOPPED' ? 'the local Neo4j stopped cleanly' : line) },
      config.localRestart,
      log,
    );
  } catch (error) {
    throw new DatabaseUnavailableError('NEO4J_LOCAL_*', firstLine(error));
  }
  return openDatabase(local.uri, config.neo4j, local);
}
