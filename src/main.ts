import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { DatabaseUnavailableError } from './db/connect';
import { connectDatabase } from './local-neo4j/connect-database';
import { applyMigrations } from './db/migrations';
import { seedIfEmpty } from './seed/seed';
import { startServer } from './app/app';
import { createLogger } from './app/observability';

const log = (line: string) => console.log(`[honorgraph] ${line}`);

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const database = await connectDatabase(config, log);
  log(`connected to Neo4j at ${database.uri} (database "${config.neo4j.database}")`);
  const migrations = await applyMigrations(database.graph, log);
  log(`schema: ${migrations.statements} constraints and indexes in place`);
  if (config.seedOnStart) {
    const seeded = await seedIfEmpty(database.graph, log);
    if (seeded) log(`seeded an empty database: ${seeded.totals.nodes} nodes, ${seeded.totals.relationships} relationships in ${seeded.ms} ms`);
  }
  const logger = createLogger(config.logLevel);
  const server = await startServer({
    graph: database.graph,
    port: config.port,
    host: config.host,
    production: config.production,
    limits: config.limits,
    logger,
    auth: config.auth,
    access: config.access,
    http: config.http,
    live: config.live,
    databaseHealth: database.health,
  });
  log(`GraphQL at ${server.url}, explorer at http://localhost:${server.port}/ (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

  if (!config.auth.jwtSecret && !config.auth.oidc) log('AUTH_JWT_SECRET is not set: reads work, every mutation is refused (see docs/editing.md)');
  if (config.auth.oidc) log(`tokens of the OpenID Connect provider ${config.auth.oidc.issuer} are accepted (keys from AUTH_JWKS_URL)${config.auth.jwtSecret ? ', and those of npm run token' : ''}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: no new requests; finishing those in flight, then closing Neo4j`);
    // The drain cuts what outlives its deadline (REQUEST_TIMEOUT_MS + 2 s) and the embedded Neo4j is
    // killed 30 s after it was asked to stop; past both (plus slack) give up and say so.
    const giveUpMs = config.limits.requestTimeoutMs + 2_000 + 35_000;
    const giveUp = setTimeout(() => {
      log(`${signal}: still not stopped after ${giveUpMs} ms; exiting anyway`);
      process.exit(1);
    }, giveUpMs);
    giveUp.unref();
    try {
      const drained = await server.stop();
      log(`${signal}: HTTP drained: ${drained.requests} request(s) answered during the drain, ${drained.cut} cut at the deadline`);
      await database.close();
      log(`${signal}: stopped cleanly`);
      process.exit(0);
    } catch (error) {
      log(`${signal}: stopping failed: ${String((error as Error)?.message ?? error).split('\n')[0]}`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
    console.error(`[honorgraph] cannot start: ${error.message}`);
  } else if (error?.code === 'EADDRINUSE') {
    console.error(`[honorgraph] cannot start: PORT: ${error.port ?? ''} is already in use; set PORT to a free port`);
  } else {
    console.error(`[honorgraph] cannot start: ${String(error?.message ?? error).split('\n')[0]}`);
  }
  process.exit(1);
});
