import fs from 'node:fs';
import path from 'node:path';
import { Graph } from './graph';

const MIGRATIONS_DIR = path.resolve(__dirname, '../../schema/migrations');

export interface Migration {
  file: string;
  statements: string[];
}

/** Reads schema/migrations/*.cypher in name order; statements end with a semicolon. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.cypher'))
    .sort()
    .map((file) => {
      const text = fs
        .readFileSync(path.join(dir, file), 'utf8')
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n');
      const statements = text
        .split(/;\s*(?:\n|$)/)
        .map((statement) => statement.trim())
        .filter(Boolean);
      return { file, statements };
    });
}

/**
 * Applies every migration; each statement is IF NOT EXISTS, so running them at every start is
 * safe. Waits for the indexes to come online so the first query after start uses them.
 */
export async function applyMigrations(graph: Graph): Promise<{ statements: number }> {
  let statements = 0;
  for (const migration of readMigrations()) {
    for (const statement of migration.statements) {
      await graph.write(statement);
      statements += 1;
    }
  }
  await graph.write('CALL db.awaitIndexes(300)');
  return { statements };
}

/** Names of the constraints and indexes that the migrations create. */
export function expectedSchemaNames(dir = MIGRATIONS_DIR): string[] {
  const names: string[] = [];
  for (const migration of readMigrations(dir)) {
    for (const statement of migration.statements) {
      const match = /^CREATE\s+(?:CONSTRAINT|(?:\w+\s+)?INDEX)\s+(\w+)\s+IF\s+NOT\s+EXISTS/i.exec(statement);
      if (match) names.push(match[1]);
    }
  }
  return names;
}

/** Which migrated constraints and indexes are missing, or not yet online, in the database. */
export async function pendingMigrations(graph: Graph): Promise<string[]> {
  const indexes = await graph.read('SHOW INDEXES YIELD name, state RETURN name, state');
  const constraints = await graph.read('SHOW CONSTRAINTS YIELD name RETURN name');
  const online = new Set([
    ...indexes.filter((row) => row.state === 'ONLINE').map((row) => row.name as string),
    ...constraints.map((row) => row.name as string),
  ]);
  return expectedSchemaNames().filter((name) => !online.has(name));
}
