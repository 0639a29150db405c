/**
 * `node bench/out/build/bench/compare-load.js [S|L] [seed]`: loads the same synthetic graph once
 * through the offline importer and once through batched UNWIND (each into its own data folder
 * under bench/out/compare-*), then checks that both databases hold the same graph: the counts per
 * label and type, every property (and its type) of a sample of nodes and relationships, every
 * nameKey and awardKey (digests), and the same online indexes and constraints. Exits 1 on any
 * difference.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Driver } from 'neo4j-driver';
import { createDriver } from '../src/db/graph';
import { findFreePort, startLocalNeo4j } from '../src/local-neo4j/local-neo4j';
import { NODE_LABELS, RELATIONSHIP_TYPES, Size, SyntheticGraph } from './generate';
import { buildSchema, importSynthetic, loadSynthetic, restoreEmptyArrays } from './load';

const OUT = path.resolve(__dirname, '../../../../bench/out');

/** Properties and their Cypher types; createdAt by type only (it is a load-time stamp). */
const DESCRIBE = `{props: apoc.map.removeKey(properties(x), 'createdAt'), types: apoc.coll.sort([k IN keys(x) | k + ' ' + valueType(x[k])])}`;

/** JSON with sorted keys, Neo4j integers as numbers tagged "int". */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) => {
    if (v && typeof v === 'object' && 'low' in v && 'high' in v) return `int ${Number(v)}`;
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]));
    return v;
  });
}

async function snapshot(driver: Driver, graph: SyntheticGraph): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const run = async (key: string, cypher: string, params: Record<string, unknown> = {}) => {
    const { records } = await driver.executeQuery(cypher, params, { database: 'neo4j' });
    for (const record of records) {
      const row = record.toObject();
      out.set(`${key} ${row.key ?? ''}`, canonical(row.value));
    }
  };
  for (const label of NODE_LABELS) await run(`count ${label}`, `MATCH (n:${label}) RETURN count(n) AS value`);
  for (const type of RELATIONSHIP_TYPES) await run(`count ${type}`, `MATCH ()-[r:${type}]->() RETURN count(r) AS value`);
  await run('count all', 'MATCH (n) RETURN count(n) AS value');
  // Every 97th node of every label, with its labels and properties (property order aside).
  const ids: string[] = [];
  for (const label of NODE_LABELS) {
    let i = 0;
    for (const batch of graph.nodeBatches(label, 10_000)) for (const row of batch) if (i++ % 97 === 0) ids.push(row.id as string);
  }
  await run(
    'node',
    `UNWIND $ids AS id MATCH (x:Entity {id: id}) WITH x ORDER BY x.id
     RETURN x.id AS key, {labels: apoc.coll.sort(labels(x)), props: ${DESCRIBE}} AS value`,
    { ids },
  );
  // Relationships of those nodes, both directions.
  await run(
    'relationship',
    `UNWIND $ids AS id MATCH (n:Entity {id: id})-[x]-(m)
     WITH startNode(x).id + ' -' + type(x) + '-> ' + endNode(x).id + ' ' + coalesce(x.key, '') AS key, ${DESCRIBE} AS value
     RETURN key, collect(value) AS value`,
    { ids },
  );
  // Every key the app's uniqueness constraints hold, in full (the sample above shows only some):
  // a digest per label of all (id, nameKey) pairs and one of all awardKeys, and how many keys
  // are explicit duplicates (#<id>).
  const digest = async (key: string, cypher: string) => {
    const { records } = await driver.executeQuery(cypher, {}, { database: 'neo4j' });
    const values = records.map((record) => String(record.get('value'))).sort();
    const hash = createHash('sha256');
    for (const value of values) hash.update(`${value}\n`);
    const missing = values.filter((v) => v === 'NONE' || v.endsWith(' NONE')).length;
    out.set(key, `${values.length} rows, ${missing} without a key, ${values.filter((v) => v.includes('#')).length} with #, sha256 ${hash.digest('hex').slice(0, 16)}`);
  };
  for (const label of NODE_LABELS) await digest(`nameKeys ${label}`, `MATCH (n:${label}) RETURN n.id + ' ' + coalesce(n.nameKey, 'NONE') AS value`);
  await digest('awardKeys', "MATCH ()-[r:RECEIVED]->() RETURN coalesce(r.awardKey, 'NONE') AS value");
  await run('constraint', 'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN name AS key, [type, labelsOrTypes, properties] AS value');
  await run('schema', `SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties, owningConstraint RETURN name AS key, [type, state, labelsOrTypes, properties, owningConstraint IS NOT NULL] AS value`);
  return out;
}

async function main() {
  const size = (process.argv[2] ?? 'S').toUpperCase() as Size;
  const seed = Number(process.argv[3] ?? 1);
  const graph = new SyntheticGraph(size, seed);
  const memory = size === 'L' ? { heap: '4g', pagecache: '2g' } : { heap: '1g', pagecache: '512m' };
  const log = (line: string) => console.log(`[compare] ${line}`);
  const snapshots: Map<string, string>[] = [];
  for (const method of ['import', 'unwind'] as const) {
    const home = path.join(OUT, `compare-${size}-seed${seed}-${method}`);
    fs.rmSync(home, { recursive: true, force: true });
    log(`loading ${size} by ${method} into ${path.relative(OUT, home)}`);
    if (method === 'import') await importSynthetic(home, graph, path.join(OUT, `csv-compare-${size}-seed${seed}`), log);
    const neo4j = await startLocalNeo4j({ home, port: await findFreePort(), ...memory, apoc: true, startTimeoutMs: 600_000 });
    const driver = createDriver(neo4j.uri, 'neo4j', '');
    try {
      if (method === 'import') {
        await buildSchema(driver, 'neo4j', log, { bulk: true, beforeTheRest: () => restoreEmptyArrays(driver, 'neo4j', home, log) });
      }
      else await loadSynthetic(driver, 'neo4j', graph, { log });
      snapshots.push(await snapshot(driver, graph));
    } finally {
      await driver.close();
      await neo4j.stop();
    }
  }
  const [imported, unwound] = snapshots;
  const keys = new Set([...imported.keys(), ...unwound.keys()]);
  let differences = 0;
  for (const key of [...keys].sort()) {
    if (imported.get(key) === unwound.get(key)) continue;
    differences += 1;
    if (differences <= 20) log(`DIFFERS ${key}\n  import: ${imported.get(key)}\n  unwind: ${unwound.get(key)}`);
  }
  const nodes = [...keys].filter((k) => k.startsWith('node ')).length;
  const rels = [...keys].filter((k) => k.startsWith('relationship ')).length;
  for (const key of [...keys].filter((k) => k.startsWith('nameKeys ') || k.startsWith('awardKeys'))) {
    log(`${key.trim()}: ${imported.get(key)}`);
    // Both paths missing the app's keys is no agreement.
    if (!/ 0 without a key,/.test(imported.get(key) ?? '')) differences += 1;
  }
  log(`${keys.size} facts compared (${nodes} sampled nodes, relationships of ${rels} node pairs and types, counts, indexes): ${differences ? `${differences} differ` : 'all equal'}`);
  process.exit(differences ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
