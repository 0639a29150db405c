import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { createDriver, Graph } from '../src/db/graph';
import { findFreePort, LocalNeo4j, startLocalNeo4j } from '../src/local-neo4j/local-neo4j';
import { awardKey } from '../src/honors/award-key';
import { nameKey } from '../src/text/normalize';
import { csvTasks, writeCsvTask } from '../bench/csv';
import { NODE_LABELS, SyntheticGraph } from '../bench/generate';
import { loadSynthetic } from '../bench/load';

/**
 * The benchmark's synthetic graph carries the keys the app writes on every node and award
 * (nameKey, awardKey), through both bulk paths, so that editing, duplicate checks and the
 * uniqueness constraints behave on it as on data the app wrote itself.
 */
let neo4j: LocalNeo4j;
let driver: ReturnType<typeof createDriver>;
let graph: Graph;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'honorgraph-bench-load-'));
const synthetic = new SyntheticGraph('S', 1);

beforeAll(async () => {
  neo4j = await startLocalNeo4j({ home, port: await findFreePort(), heap: '512m', pagecache: '64m' });
  driver = createDriver(neo4j.uri, 'neo4j', '');
  graph = new Graph(driver, 'neo4j');
  // The UNWIND path, then the app's migrations (as `npm run bench -- --load unwind` runs them).
  await loadSynthetic(driver, 'neo4j', synthetic);
}, 600_000);
afterAll(async () => {
  await driver?.close();
  await neo4j?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the synthetic benchmark graph carries the keys the app writes', () => {
  it('every named node has the nameKey the app gives it: the first of a name holds it, later ones are explicit duplicates (#<id>)', async () => {
    for (const label of NODE_LABELS) {
      // In the order the generator makes them (the order an editor would have created them in).
      const order = [...synthetic.nodeBatches(label, 10_000)].flat().map((row) => row.id as string);
      const stored = await graph.read(`MATCH (n:${label}) RETURN n.id AS id, n.name AS name, n.nameKey AS nameKey`);
      expect(stored.length).toBe(order.length);
      const byId = new Map(stored.map((row) => [row.id as string, row]));
      const rows = order.map((id) => byId.get(id)!);
      const taken = new Set<string>();
      const expected = rows.map(({ id, name }) => {
        const key = nameKey(name);
        if (taken.has(key)) return `${id} ${key}#${id}`;
        taken.add(key);
        return `${id} ${key}`;
      });
      expect(rows.map(({ id, nameKey: key }) => `${id} ${key}`)).toEqual(expected);
    }
    // Generated names repeat a lot (about 9,300 names for 10,000 people): both kinds occur.
    const [people] = await graph.read("MATCH (p:Person) RETURN count(p) AS all, count { MATCH (q:Person) WHERE q.nameKey CONTAINS '#' } AS duplicates");
    expect(people.duplicates).toBeGreaterThan(100);
    expect(people.duplicates).toBeLessThan(people.all / 2);
  });

  it('every award has its awardKey (recipient|honor|year)', async () => {
    const rows = await graph.read('MATCH (a)-[r:RECEIVED]->(h) RETURN a.id AS from, h.id AS to, r.year AS year, r.awardKey AS awardKey');
    expect(rows.length).toBe(synthetic.counts().relationships.RECEIVED);
    for (const row of rows) expect(row.awardKey).toBe(awardKey(row.from, row.to, row.year));
  });

  it("the app's uniqueness constraints were created over the loaded graph and refuse a second node of a name, as on the app's own data", async () => {
    const constraints = await graph.read('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names');
    expect(constraints[0].names).toEqual(expect.arrayContaining(['person_name_key', 'organization_name_key', 'honor_name_key', 'program_name_key', 'source_name_key', 'received_award_key']));
    const [online] = await graph.read("SHOW INDEXES YIELD state WHERE state <> 'ONLINE' RETURN count(*) AS notOnline");
    expect(online.notOnline).toBe(0);
    const [holder] = await graph.read("MATCH (p:Person) WHERE NOT p.nameKey CONTAINS '#' RETURN p.name AS name LIMIT 1");
    await expect(graph.write("CREATE (:Entity:Person {id: 'test-bench-person', name: $name, nameKey: $key})", { name: holder.name, key: nameKey(holder.name) })).rejects.toMatchObject({
      code: 'Neo.ClientError.Schema.ConstraintValidationFailed',
    });
  });

  it('the offline importer path (CSV written in the two workers\' parts) carries exactly the same keys as the UNWIND path stored', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'honorgraph-bench-csv-'));
    try {
      const csvNameKeys = new Map<string, string>();
      const csvAwardKeys: string[] = [];
      for (const task of csvTasks(synthetic, dir, new Date())) {
        const { nodes, relationships } = writeCsvTask(task);
        const table = (part: { data: string; leading: string[]; columns: string[] }) =>
          (parse(fs.readFileSync(part.data, 'utf8'), { relaxColumnCount: true }) as string[][]).map((fields) =>
            Object.fromEntries(part.columns.map((column, i) => [column, fields[part.leading.length + i]])),
          );
        for (const part of nodes) for (const row of table(part)) csvNameKeys.set(row.id, row.nameKey);
        for (const part of relationships.filter((p) => p.group === 'RECEIVED')) for (const row of table(part)) csvAwardKeys.push(row.awardKey);
      }
      const stored = await graph.read('MATCH (n:Entity) RETURN n.id AS id, n.nameKey AS nameKey');
      expect(csvNameKeys.size).toBe(stored.length);
      expect(Object.fromEntries(csvNameKeys)).toEqual(Object.fromEntries(stored.map((row) => [row.id, row.nameKey])));
      const awards = await graph.read('MATCH ()-[r:RECEIVED]->() RETURN r.awardKey AS awardKey');
      expect(csvAwardKeys.sort()).toEqual(awards.map((row) => row.awardKey).sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
