/**
 * Bulk-loads a synthetic graph, in one of two ways:
 * - `import` (the default): the generator writes CSV files (csv.ts) and Neo4j's offline importer
 *   builds the store from them (import.ts) before Neo4j starts;
 * - `unwind`: into a running, empty Neo4j: nodes, then relationships (whose ends are found by the
 *   element ids the node writes returned), in batched UNWIND transactions with up to
 *   `concurrency` batches in flight.
 * Either way the app's own migrations (constraints, range and full-text indexes) are applied
 * once the data is in, and the load ends when they are online.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Driver } from 'neo4j-driver';
import { readMigrations } from '../src/db/migrations';
import { BulkRepository } from './bulk.repository';
import { writeImportCsv } from './csv';
import { importCsv } from './import';
import { EdgeRow, NODE_LABELS, RELATIONSHIP_TYPES, Row, SyntheticGraph } from './generate';

/** From the compiled bench (bench/out/build/bench) or from its source (bench/, as the tests run it). */
export const MIGRATIONS_DIR = [path.resolve(__dirname, '../../../../schema/migrations'), path.resolve(__dirname, '../schema/migrations')].find((dir) => fs.existsSync(dir))!;

export interface LoadOptions {
  batchSize?: number;
  concurrency?: number;
  log?: (line: string) => void;
}

export type LoadMethod = 'import' | 'unwind';

export interface LoadReport {
  /** Missing in markers written before the importer path existed: those are `unwind`. */
  method?: LoadMethod;
  nodes: number;
  relationships: number;
  /** unwind: the node and relationship writes; import: the importer's node stage and its relationship stages. */
  nodesMs: number;
  relationshipsMs: number;
  /** import: writing the CSV files (the generator's time). */
  generateMs?: number;
  /** import: the whole importer run, JVM start included. */
  importMs?: number;
  /** import: starting Neo4j on the imported store. */
  startMs?: number;
  /** import: setting the empty arrays the importer leaves out (during the index phase). */
  emptyArraysMs?: number;
  /** CPU seconds by phase where measured (csv: this process and its worker threads; import: the importer's JVM; neo4j: the Neo4j process during start and indexes). */
  cpu?: Record<string, number>;
  /** Applying the migrations until every index and constraint is online. */
  indexesMs: number;
  totalMs: number;
  batchSize?: number;
  concurrency?: number;
}

const rate = (count: number, ms: number) => Math.round(count / Math.max(ms / 1000, 0.001));

/** Runs the batches of `source` with up to `concurrency` transactions in flight. */
async function pump<T>(source: Iterable<T[]>, concurrency: number, write: (rows: T[]) => Promise<number>, progress: (n: number) => void): Promise<number> {
  const inFlight = new Set<Promise<void>>();
  let written = 0;
  for (const batch of source) {
    const task: Promise<void> = write(batch).then((n) => {
      written += n;
      progress(written);
      inFlight.delete(task);
    });
    inFlight.add(task);
    // Let the driver put the batch on the wire before generating the next one.
    await new Promise((resolve) => setImmediate(resolve));
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return written;
}

export async function applyMigrationFiles(driver: Driver, database: string, only?: (statement: string) => boolean): Promise<number> {
  let n = 0;
  for (const migration of readMigrations(MIGRATIONS_DIR)) {
    for (const statement of migration.statements) {
      if (only && !only(statement)) continue;
      await driver.executeQuery(statement, {}, { database });
      n += 1;
    }
  }
  return n;
}

export async function loadSynthetic(driver: Driver, database: string, graph: SyntheticGraph, options: LoadOptions = {}): Promise<LoadReport> {
  const batchSize = options.batchSize ?? 10_000;
  const concurrency = options.concurrency ?? 2;
  const log = options.log ?? (() => {});
  const repo = new BulkRepository(driver, database);
  const started = Date.now();
  // No constraint or index yet: relationship writes find their ends by element id, and
  // building every index once over the loaded data is cheaper than keeping them up to date row by row.

  let lastLog = 0;
  const every = (label: string, t0: number) => (n: number) => {
    if (Date.now() - lastLog < 2000) return;
    lastLog = Date.now();
    log(`  ${label}: ${n.toLocaleString('en')} (${rate(n, Date.now() - t0).toLocaleString('en')}/s)`);
  };

  const nodesStarted = Date.now();
  let nodes = 0;
  // Our id → Neo4j element id, for the relationship writes (about 100 bytes a node).
  const elementIds = new Map<string, string>();
  const createNodes = async (label: string, rows: Row[]) => {
    const created = await repo.createNodes(label, rows);
    for (let i = 0; i < rows.length; i++) elementIds.set(rows[i].id as string, created[i]);
    return created.length;
  };
  const createRelationships = (type: string, rows: EdgeRow[]) => {
    for (const row of rows) {
      const from = elementIds.get(row.from);
      const to = elementIds.get(row.to);
      if (!from || !to) throw new Error(`${type}: ${row.from} → ${row.to} names a node that was not created`);
      row.from = from;
      row.to = to;
    }
    return repo.createRelationships(type, rows);
  };
  for (const label of NODE_LABELS) {
    const t0 = Date.now();
    const n = await pump(graph.nodeBatches(label, batchSize), concurrency, (rows) => createNodes(label, rows), every(label, t0));
    nodes += n;
    log(`  ${label}: ${n.toLocaleString('en')} nodes in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const nodesMs = Date.now() - nodesStarted;
  log(`nodes: ${nodes.toLocaleString('en')} in ${(nodesMs / 1000).toFixed(1)} s (${rate(nodes, nodesMs).toLocaleString('en')}/s)`);

  const relsStarted = Date.now();
  let relationships = 0;
  for (const type of RELATIONSHIP_TYPES) {
    const t0 = Date.now();
    const n = await pump(graph.relationshipBatches(type, batchSize), concurrency, (rows) => createRelationships(type, rows), every(type, t0));
    relationships += n;
    log(`  ${type}: ${n.toLocaleString('en')} relationships in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const relationshipsMs = Date.now() - relsStarted;
  log(`relationships: ${relationships.toLocaleString('en')} in ${(relationshipsMs / 1000).toFixed(1)} s (${rate(relationships, relationshipsMs).toLocaleString('en')}/s)`);

  const indexesMs = await buildSchema(driver, database, log);
  return { method: 'unwind', nodes, relationships, nodesMs, relationshipsMs, indexesMs, totalMs: Date.now() - started, batchSize, concurrency };
}

/**
 * Applies the migrations and waits until every index is online; returns the milliseconds taken.
 *
 * With `bulk` the same statements run in another order, for a store that was just filled: the
 * full-text index first (its population is the longest: Lucene's CJK analysis of every name and
 * search key, on one core, so it runs in the background meanwhile), then `beforeTheRest`, then
 * every plain range index in ONE transaction (Neo4j populates indexes created together in one
 * store scan instead of one scan each), then the constraints (each populates and checks its own
 * index). The end state is the same as applying the files in order.
 */
export async function buildSchema(
  driver: Driver,
  database: string,
  log: (line: string) => void = () => {},
  options: { bulk?: boolean; beforeTheRest?: () => Promise<unknown> } = {},
): Promise<number> {
  const started = Date.now();
  let statements = 0;
  if (options.bulk) {
    const all = readMigrations(MIGRATIONS_DIR).flatMap((m) => m.statements);
    const fullText = all.filter((s) => /^CREATE\s+FULLTEXT\s+INDEX\b/i.test(s));
    const range = all.filter((s) => /^CREATE\s+INDEX\b/i.test(s));
    const rest = all.filter((s) => !fullText.includes(s) && !range.includes(s));
    for (const statement of fullText) await driver.executeQuery(statement, {}, { database });
    await options.beforeTheRest?.();
    const session = driver.session({ database });
    try {
      await session.executeWrite(async (tx) => {
        for (const statement of range) await tx.run(statement);
      });
    } finally {
      await session.close();
    }
    for (const statement of rest) await driver.executeQuery(statement, {}, { database });
    statements = all.length;
  } else {
    await options.beforeTheRest?.();
    statements = await applyMigrationFiles(driver, database);
  }
  log(`indexes: ${statements} migration statements applied in ${((Date.now() - started) / 1000).toFixed(1)} s; waiting for them to be online`);
  await driver.executeQuery('CALL db.awaitIndexes(1800)', {}, { database });
  const ms = Date.now() - started;
  log(`indexes: online in ${(ms / 1000).toFixed(1)} s`);
  return ms;
}

/**
 * Gives back the empty arrays the importer left out (see CsvFile.emptyArrays), from the list
 * importSynthetic left in the data folder; run once Neo4j is up, before the schema is built.
 */
export async function restoreEmptyArrays(driver: Driver, database: string, home: string, log: (line: string) => void = () => {}): Promise<number> {
  // Returns the milliseconds taken.
  const file = path.join(home, 'empty-arrays.json');
  if (!fs.existsSync(file)) return 0;
  const started = Date.now();
  let restored = 0;
  for (const { label, key, rows } of JSON.parse(fs.readFileSync(file, 'utf8')) as { label: string; key: string; rows: number }[]) {
    const { records } = await driver.executeQuery(`MATCH (n:${label}) WHERE n.${key} IS NULL SET n.${key} = [] RETURN count(n) AS n`, {}, { database });
    const n = Number(records[0].get('n'));
    if (n !== rows) throw new Error(`${label}.${key}: ${n} nodes without it, the CSV had ${rows} empty arrays`);
    restored += n;
  }
  fs.rmSync(file);
  log(`empty arrays: ${restored.toLocaleString('en')} set in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return Date.now() - started;
}

/**
 * The offline part of the `import` path: writes the CSV files under `csvDir` and imports them into
 * `home`, which no Neo4j may have open. The caller then starts Neo4j and runs buildSchema.
 */
export async function importSynthetic(home: string, graph: SyntheticGraph, csvDir: string, log: (line: string) => void = () => {}): Promise<LoadReport> {
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  let lastLog = 0;
  const csv = await writeImportCsv(graph, csvDir, new Date(), (nodes, relationships) => {
    if (Date.now() - lastLog < 2000) return;
    lastLog = Date.now();
    log(`  csv: ${nodes.toLocaleString('en')} nodes, ${relationships.toLocaleString('en')} relationships (${rate(nodes + relationships, Date.now() - started).toLocaleString('en')} rows/s)`);
  });
  const generateMs = Date.now() - started;
  const cpu = process.cpuUsage(cpu0);
  log(`csv: ${csv.nodeCount.toLocaleString('en')} nodes and ${csv.relationshipCount.toLocaleString('en')} relationships written in ${(generateMs / 1000).toFixed(1)} s by two worker threads (${csvDir})`);
  const imported = await importCsv(home, csv, { log });
  fs.rmSync(csvDir, { recursive: true, force: true });
  fs.writeFileSync(path.join(home, 'empty-arrays.json'), `${JSON.stringify(csv.nodes.flatMap((f) => f.emptyArrays.map((e) => ({ label: f.group.split(':').pop(), ...e }))), null, 2)}\n`);
  if (csv.relationships.some((f) => f.emptyArrays.length)) throw new Error('empty arrays on relationships are not restored after the import');
  log(
    `import: ${csv.nodeCount.toLocaleString('en')} nodes in ${(imported.nodesMs / 1000).toFixed(1)} s (${rate(csv.nodeCount, imported.nodesMs).toLocaleString('en')}/s), ` +
      `${csv.relationshipCount.toLocaleString('en')} relationships in ${(imported.relationshipsMs / 1000).toFixed(1)} s (${rate(csv.relationshipCount, imported.relationshipsMs).toLocaleString('en')}/s); ${(imported.totalMs / 1000).toFixed(1)} s with JVM start`,
  );
  return {
    method: 'import',
    nodes: csv.nodeCount,
    relationships: csv.relationshipCount,
    nodesMs: imported.nodesMs,
    relationshipsMs: imported.relationshipsMs,
    generateMs,
    importMs: imported.totalMs,
    cpu: { csv: (cpu.user + cpu.system) / 1e6, import: imported.cpuSeconds },
    indexesMs: 0,
    totalMs: Date.now() - started,
  };
}

export interface DatasetMarker {
  generatorVersion: number;
  size: string;
  seed: number;
  report: LoadReport;
  loadedAt: string;
}

export function readMarker(home: string): DatasetMarker | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(home, 'bench-dataset.json'), 'utf8'));
  } catch {
    return null;
  }
}

export function writeMarker(home: string, marker: DatasetMarker): void {
  fs.writeFileSync(path.join(home, 'bench-dataset.json'), `${JSON.stringify(marker, null, 2)}\n`);
}
