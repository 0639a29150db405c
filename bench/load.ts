/**
 * Bulk-loads a synthetic graph into an empty Neo4j: nodes, then relationships (whose ends are
 * found by the element ids the node writes returned), in batched UNWIND transactions with up to
 * `concurrency` batches in flight; then the app's own migrations (constraints, range and
 * full-text indexes), waiting until they are online.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Driver } from 'neo4j-driver';
import { readMigrations } from '../src/db/migrations';
import { BulkRepository } from './bulk.repository';
import { EdgeRow, NODE_LABELS, RELATIONSHIP_TYPES, Row, SyntheticGraph } from './generate';

export const MIGRATIONS_DIR = path.resolve(__dirname, '../../../../schema/migrations');

export interface LoadOptions {
  batchSize?: number;
  concurrency?: number;
  log?: (line: string) => void;
}

export interface LoadReport {
  nodes: number;
  relationships: number;
  nodesMs: number;
  relationshipsMs: number;
  indexesMs: number;
  totalMs: number;
  batchSize: number;
  concurrency: number;
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

  const indexStarted = Date.now();
  const statements = await applyMigrationFiles(driver, database);
  await driver.executeQuery('CALL db.awaitIndexes(1800)', {}, { database });
  const indexesMs = Date.now() - indexStarted;
  log(`indexes: ${statements} migration statements applied and online in ${(indexesMs / 1000).toFixed(1)} s`);
  return { nodes, relationships, nodesMs, relationshipsMs, indexesMs, totalMs: Date.now() - started, batchSize, concurrency };
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
