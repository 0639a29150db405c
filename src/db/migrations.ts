import fs from 'node:fs';
import path from 'node:path';
import { Graph } from './graph';
import neo4j from 'neo4j-driver';
import { nameKey, nameSkeleton } from '../text/normalize';
import { NODE_PROPERTIES, RELATIONSHIPS, RELATIONSHIP_TYPES, propertiesOfKind } from '../graph/model';
import { isCalendarDate, parsePartialDate, precisionProperty } from '../graph/partial-date';
import { dateProps, integer } from './temporal';

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
 * safe. Waits for the indexes to come online so the first query after start uses them. `dir`: for
 * code compiled elsewhere than dist/ (the ingest evaluation), which finds schema/ from its own folder.
 */
export async function applyMigrations(graph: Graph, log: (line: string) => void = () => {}, dir = MIGRATIONS_DIR): Promise<{ statements: number }> {
  let statements = 0;
  for (const migration of readMigrations(dir)) {
    for (const statement of migration.statements) {
      await graph.write(statement);
      statements += 1;
    }
  }
  await graph.write('CALL db.awaitIndexes(300)');
  await recomputeNameKeys(graph);
  await migrateValueTypes(graph, log);
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

/**
 * Which value types the stored years and dates follow. 1: years (graph/model.ts `integer`) are
 * INTEGER, dates (`date`) are DATE with a `<name>Precision`. Raising it makes the next start
 * convert the graph once more.
 */
export const VALUE_TYPES_VERSION = 1;
const VALUE_TYPES_MARKER = 'value-types';
/**
 * Candidates read per scan: each scan walks the label or relationship type once, so a wide window
 * keeps a graph of millions of awards to a few dozen scans; writes go in transactions of CHUNK.
 */
const VALUE_WINDOW = 100_000;

/** Where the migration looks: a node or relationship property of kind integer or date. */
interface ValueTarget {
  /** `MATCH` of `x` (a node or relationship), label or type checked by the model. */
  match: string;
  seek: string;
  where: string;
  property: string;
  kind: 'integer' | 'date';
}

/**
 * Every property the model types as integer or date, on nodes and per relationship type; since
 * and until of MEMBER_OF and PART_OF always, even before the model lists them on PART_OF.
 */
function valueTargets(): ValueTarget[] {
  const targets: ValueTarget[] = [];
  const node = (property: string, kind: ValueTarget['kind']) =>
    targets.push({ match: 'MATCH (x:Entity)', seek: 'MATCH (x:Entity) WHERE elementId(x) = row.key', where: `node.${property}`, property, kind });
  for (const property of propertiesOfKind(NODE_PROPERTIES, 'integer')) node(property, 'integer');
  for (const property of propertiesOfKind(NODE_PROPERTIES, 'date')) node(property, 'date');
  const dated: Record<string, Set<string>> = { MEMBER_OF: new Set(['since', 'until']), PART_OF: new Set(['since', 'until']) };
  for (const type of RELATIONSHIP_TYPES) {
    const rel = (property: string, kind: ValueTarget['kind']) =>
      targets.push({
        match: `MATCH (:Entity)-[x:${type}]->(:Entity)`,
        seek: `MATCH ()-[x:${type}]->() WHERE elementId(x) = row.key`,
        where: `${type}.${property}`,
        property,
        kind,
      });
    for (const property of propertiesOfKind(RELATIONSHIPS[type].properties, 'integer')) rel(property, 'integer');
    const dates = new Set([...propertiesOfKind(RELATIONSHIPS[type].properties, 'date'), ...(dated[type] ?? [])]);
    for (const property of dates) rel(property, 'date');
  }
  return targets;
}

/** A valid calendar date written YYYY, YYYY-MM or YYYY-MM-DD (or a whole-number year), as the props to SET; null for anything else. */
function dateOf(value: unknown): Record<string, unknown> | null {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : null;
  const parsed = text === null ? null : parsePartialDate(text);
  if (!parsed || !isCalendarDate(parsed)) return null;
  return dateProps('value', parsed.text);
}

export interface ValueTypesReport {
  /** Values converted, per `Label.property` or `TYPE.property`. */
  converted: Record<string, number>;
  /** Values left as they were because they are no whole year or no date (a fractional year, a date like "2024年"), per place. */
  kept: Record<string, number>;
}

/**
 * Converts years and dates written by older versions (the seed's FLOAT years, ISO date text)
 * into the model's types: a whole FLOAT (or digit text) of an `integer` property becomes an
 * INTEGER; the text YYYY, YYYY-MM or YYYY-MM-DD (or a whole-number year) of a `date` property a
 * DATE with its `<name>Precision`. A fractional year or a text of another shape is kept as it is,
 * counted and logged, for an editor to correct (the graph-model test flags it). Idempotent: a
 * second run finds nothing to convert. Reads candidates in windows by element id and writes them
 * in chunks of CHUNK (one transaction each), so a large graph never sits in one transaction, and
 * logs its progress.
 */
export async function convertValueTypes(graph: Graph, log: (line: string) => void = () => {}): Promise<ValueTypesReport> {
  const report: ValueTypesReport = { converted: {}, kept: {} };
  for (const target of valueTargets()) {
    const p = target.property;
    // Candidates: values not yet of the target type (a DATE without its precision too).
    const pending =
      target.kind === 'integer'
        ? `x.${p} IS NOT NULL AND NOT x.${p} IS :: INTEGER`
        : `x.${p} IS NOT NULL AND (NOT x.${p} IS :: DATE OR x.${precisionProperty(p)} IS NULL)`;
    let after = '';
    for (;;) {
      const rows = await graph.read(
        `${target.match} WHERE ${pending} AND elementId(x) > $after
         RETURN elementId(x) AS key, x.${p} AS value, x.${p} IS :: DATE AS isDate ORDER BY key LIMIT $chunk`,
        { after, chunk: neo4j.int(VALUE_WINDOW) },
      );
      if (!rows.length) break;
      after = rows[rows.length - 1].key;
      const writes: Record<string, unknown>[] = [];
      for (const row of rows) {
        if (target.kind === 'integer') {
          const whole = typeof row.value === 'number' ? row.value : typeof row.value === 'string' && /^\s*-?\d+\s*$/.test(row.value) ? Number(row.value) : NaN;
          if (Number.isSafeInteger(whole)) writes.push({ key: row.key, value: neo4j.int(whole) });
        } else {
          // A DATE without precision reads back as YYYY-MM-DD: a day.
          const stored = dateOf(row.isDate ? String(row.value).slice(0, 10) : row.value);
          if (stored) writes.push({ key: row.key, value: stored.value, precision: stored.valuePrecision });
        }
      }
      const set = target.kind === 'integer' ? `SET x.${p} = row.value` : `SET x.${p} = row.value, x.${precisionProperty(p)} = row.precision`;
      for (let at = 0; at < writes.length; at += CHUNK) {
        const chunk = writes.slice(at, at + CHUNK);
        await graph.write(`UNWIND $rows AS row ${target.seek} ${set}`, { rows: chunk });
        report.converted[target.where] = (report.converted[target.where] ?? 0) + chunk.length;
        if (rows.length === VALUE_WINDOW || writes.length > CHUNK) log(`value types: ${target.where}: ${report.converted[target.where]} converted so far`);
      }
      const kept = rows.length - writes.length;
      if (kept) report.kept[target.where] = (report.kept[target.where] ?? 0) + kept;
      if (rows.length < VALUE_WINDOW) break;
    }
  }
  for (const [where, count] of Object.entries(report.converted)) log(`value types: ${where}: ${count} converted`);
  for (const [where, count] of Object.entries(report.kept)) log(`value types: ${where}: ${count} kept as they are (not a whole year or a date YYYY, YYYY-MM or YYYY-MM-DD)`);
  return report;
}

/** Runs convertValueTypes once per VALUE_TYPES_VERSION (a GraphLock marker records it). */
export async function migrateValueTypes(graph: Graph, log: (line: string) => void = () => {}): Promise<ValueTypesReport | null> {
  const [marker] = await graph.read('MATCH (l:GraphLock {name: $name}) RETURN l.version AS version', { name: VALUE_TYPES_MARKER });
  if (marker?.version === VALUE_TYPES_VERSION) return null;
  const report = await convertValueTypes(graph, log);
  await graph.write('MERGE (l:GraphLock {name: $name}) SET l.version = $version', { name: VALUE_TYPES_MARKER, version: neo4j.int(VALUE_TYPES_VERSION) });
  return report;
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
  await graph.write("MERGE (l:GraphLock {name: 'statement-ids'}) SET l.version = $version", { version: integer(STATEMENT_ID_VERSION) });
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
