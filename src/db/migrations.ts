import fs from 'node:fs';
import path from 'node:path';
import { Graph } from './graph';
import { nameKey, nameSkeleton } from '../text/normalize';
import { integer } from './temporal';

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
  await recomputeNameKeys(graph);
  await assignStatementIds(graph);
  return { statements };
}

/**
 * Which normalization the stored nameKey and nameSkeleton follow. 2: invisible characters
 * (Default_Ignorable_Code_Point) are removed and the TR39 skeleton is stored. Raising it makes
 * the next start recompute every key once.
 */
export const NAME_KEY_VERSION = 2;
const NAMED_LABELS = ['Person', 'Organization', 'Honor', 'Program', 'Source'];
const CHUNK = 5000;
const INVISIBLE_CHARACTER = /\p{Default_Ignorable_Code_Point}/u;

/**
 * Recomputes nameKey and nameSkeleton of every named node when they were written under an
 * older normalization (a marker GraphLock node records the version, so this runs once). Keys
 * stay unique per label: a node whose key is unchanged keeps it, and a node whose new key is
 * already held becomes an explicit duplicate (`key#id`), as allowDuplicate makes one.
 */
export async function recomputeNameKeys(graph: Graph): Promise<{ changedKeys: number; nodes: number }> {
  const [marker] = await graph.read("MATCH (l:GraphLock {name: 'name-keys'}) RETURN l.version AS version");
  if (marker?.version === NAME_KEY_VERSION) return { changedKeys: 0, nodes: 0 };
  let changedKeys = 0;
  let nodes = 0;
  for (const label of NAMED_LABELS) {
    const rows = await graph.read(
      `MATCH (n:${label}) WHERE n.nameKey IS NOT NULL
       RETURN n.id AS id, coalesce(n.name, n.title) AS name, n.nameKey AS nameKey, n.nameSkeleton AS nameSkeleton
       ORDER BY n.createdAt, n.id`,
    );
    const next = rows.map((row) => {
      const id = row.id as string;
      const old = String(row.nameKey);
      const explicit = old.endsWith(`#${id}`);
      const name = String(row.name ?? '');
      // Version 2 differs from version 1 only in the invisible characters it drops, so a key is
      // recomputed only for a name holding one; every other stored key stays as it is. The
      // skeleton is new: computed for every node.
      const plain = INVISIBLE_CHARACTER.test(name) ? nameKey(name) : explicit ? old.slice(0, -(id.length + 1)) : old;
      return { id, old, plain, key: explicit ? `${plain}#${id}` : plain, skeleton: nameSkeleton(name), oldSkeleton: row.nameSkeleton };
    });
    // Unchanged keys first, so that a key two nodes now share stays with its holder.
    const held = new Set(next.filter((n) => n.key === n.old).map((n) => n.key));
    for (const n of next) {
      if (n.key === n.old) continue;
      if (held.has(n.key)) n.key = `${n.plain}#${n.id}`;
      held.add(n.key);
    }
    const keyChanges = next.filter((n) => n.key !== n.old).map(({ id, key }) => ({ id, key }));
    // One statement, so that keys moving between nodes never collide half way.
    if (keyChanges.length) await graph.write(`UNWIND $rows AS row MATCH (n:${label} {id: row.id}) SET n.nameKey = row.key`, { rows: keyChanges });
    const skeletons = next.filter((n) => n.skeleton !== n.oldSkeleton).map(({ id, skeleton }) => ({ id, skeleton }));
    for (let at = 0; at < skeletons.length; at += CHUNK) {
      await graph.write(`UNWIND $rows AS row MATCH (n:${label} {id: row.id}) SET n.nameSkeleton = row.skeleton`, { rows: skeletons.slice(at, at + CHUNK) });
    }
    changedKeys += keyChanges.length;
    nodes += rows.length;
  }
  await graph.write("MERGE (l:GraphLock {name: 'name-keys'}) SET l.version = $version", { version: NAME_KEY_VERSION });
  return { changedKeys, nodes };
}

/** Which rule gave statement ids. 1: every relationship between two entities has an `id`. */
export const STATEMENT_ID_VERSION = 1;

/**
 * Gives every relationship between two entities (the content relationships, graph/model.ts) that
 * has no `id` one: `st-` and a random UUID, as an API write does. A graph written before
 * statements had ids gets them at its next start; a marker GraphLock node records that it ran,
 * so later starts skip the scan. Written in chunks, so a large graph never needs one huge
 * transaction.
 */
export async function assignStatementIds(graph: Graph): Promise<{ assigned: number }> {
  const [marker] = await graph.read("MATCH (l:GraphLock {name: 'statement-ids'}) RETURN l.version AS version");
  if (marker?.version === STATEMENT_ID_VERSION) return { assigned: 0 };
  let assigned = 0;
  for (;;) {
    const [row] = await graph.write(
      `MATCH (:Entity)-[r]->(:Entity) WHERE r.id IS NULL
       WITH r LIMIT $chunk
       SET r.id = 'st-' + randomUUID()
       RETURN count(r) AS written`,
      { chunk: integer(CHUNK) },
    );
    const written = Number(row?.written ?? 0);
    assigned += written;
    if (written < CHUNK) break;
  }
  await graph.write("MERGE (l:GraphLock {name: 'statement-ids'}) SET l.version = $version", { version: STATEMENT_ID_VERSION });
  return { assigned };
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
