import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { DatabaseUnavailableError } from '../db/connect';
import { connectDatabase } from '../local-neo4j/connect-database';
import { applyMigrations } from '../db/migrations';
import { loadSeeds } from './seed';

const log = (line: string) => console.log(`[seed] ${line}`);

/** `npm run seed`: loads seeds/ into the configured database (idempotent), with progress. */
async function main(): Promise<void> {
  const database = await connectDatabase(loadConfig(), log);
  try {
    await applyMigrations(database.graph, log);
    const report = await loadSeeds(database.graph, log);
    log(
      `done in ${report.ms} ms: wrote ${report.nodes} nodes and ${report.relationships} relationships from ${report.files.join(', ')}; ` +
        `the database now holds ${report.totals.nodes} nodes and ${report.totals.relationships} relationships`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError;
  console.error(`[seed] failed: ${known ? error.message : String(error?.message ?? error).split('\n')[0]}`);
  process.exit(1);
});
