import { createDriver, Graph } from '../src/db/graph';
import { loadSeeds } from '../src/seed/seed';

let graph: Graph;
beforeAll(() => {
  graph = new Graph(createDriver(process.env.TEST_NEO4J_URI!, 'neo4j', ''), 'neo4j');
});
afterAll(() => graph.driver.close());

/** Every seeded node and relationship with its properties, in a stable order. */
async function snapshot() {
  const nodes = await graph.read(
    `MATCH (n:Entity) WHERE NOT n.id STARTS WITH 'test-'
     RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id`,
  );
  const relationships = await graph.read(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE NOT a.id STARTS WITH 'test-'
     RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props ORDER BY from, type, to, r.key`,
  );
  return { nodes, relationships };
}

describe('seeding', () => {
  it('loading the seed twice changes nothing: same nodes, relationships and properties', async () => {
    const before = await snapshot();
    const report = await loadSeeds(graph);
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(report.nodes).toBe(before.nodes.length);
    expect(report.relationships).toBe(before.relationships.length);
  });

  it('stores canonical simplified names with traditional forms and search keys for the full-text index', async () => {
    const [row] = await graph.read(
      "MATCH (n:Organization) WHERE '市妇联' IN n.contextAliases RETURN n.name AS name, n.aliases AS aliases, n.searchText AS searchText",
    );
    expect(row.name).toBe('淮南市妇女联合会');
    expect(row.aliases).toContain('淮南市婦女聯合會');
    expect(row.searchText).toContain('fulian');
  });

  it('gives every fact edge its provenance', async () => {
    const rows = await graph.read(
      `MATCH (:Entity)-[r:RECEIVED|MEMBER_OF|PART_OF|CONFERRED_BY|ORGANIZED|PARTNERED|AUTHORED|DESCRIBES]->(:Entity)
       WHERE size(coalesce(r.sourceIds, [])) = 0 AND r.key IS NOT NULL
       RETURN count(r) AS missing`,
    );
    expect(rows[0].missing).toBe(0);
  });
});
