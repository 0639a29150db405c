import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { connectDatabase } from '../local-neo4j/connect-database';
import { applyMigrations, convertValueTypes } from '../db/migrations';
import { importGraphml } from './export';

const USAGE = 'usage: npm run import-graph -- <file.graphml>   (into an empty database)';
const log = (line: string) => process.stderr.write(`[import] ${line}\n`);

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length !== 1) throw new Error(USAGE);
  const xml = fs.readFileSync(positionals[0], 'utf8');
  const started = Date.now();
  const database = await connectDatabase(loadConfig(), log);
  try {
    await applyMigrations(database.graph, log);
    const counts = await importGraphml(database.graph, xml, log);
    // A file an older version exported holds FLOAT years and date text: typed as the model says now.
    await convertValueTypes(database.graph, log);
    log(`imported ${counts.nodes} nodes and ${counts.edges} relationships in ${Date.now() - started} ms`);
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  log(`failed: ${String(error?.message ?? error).split('\n')[0]}`);
  process.exit(1);
});
