import { startTestApp, TestApp } from './support/app';
import { NeighborhoodDocument, RelationshipType, ShortestPathDocument } from './__generated__/graphql';

const REPORTER = 'person-he-tingting';
const LITIGATION_CENTER = 'org-huainan-court-litigation-center';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-path-' DETACH DELETE n");
  await app.close();
});

interface StoredEdge {
  from: string;
  type: string;
  to: string;
}

/** Every relationship in the database, read directly: the yardstick the API is measured by. */
async function allEdges(): Promise<StoredEdge[]> {
  const rows = await app.graph.read('MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS from, type(r) AS type, b.id AS to');
  return rows as StoredEdge[];
}

/** Breadth-first search over the undirected graph: the true distance, or null when unreachable. */
function distance(edges: StoredEdge[], from: string, to: string): number | null {
  const adjacent = new Map<string, string[]>();
  const link = (a: string, b: string) => adjacent.set(a, [...(adjacent.get(a) ?? []), b]);
  for (const e of edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const seen = new Map([[from, 0]]);
  const queue = [from];
  while (queue.length) {
    const current = queue.shift()!;
    if (current === to) return seen.get(current)!;
    for (const next of adjacent.get(current) ?? []) {
      if (!seen.has(next)) {
        seen.set(next, seen.get(current)! + 1);
        queue.push(next);
      }
    }
  }
  return null;
}

/** Asks the API and checks the answer is a real walk in the stored graph, from `from` to `to`. */
/** Stated facts only: every relationship type but the derived MENTIONS. */
const FACTS: RelationshipType[] = ['RECEIVED', 'MEMBER_OF', 'PART_OF', 'CONFERRED_BY', 'VARIANT_OF', 'ORGANIZED', 'PARTNERED', 'AUTHORED', 'DESCRIBES'];
const factEdges = async () => (await allEdges()).filter((e) => e.type !== 'MENTIONS');

async function checkedPath(from: string, to: string, maxHops = 6, via?: RelationshipType[]) {
  const response = await app.request(ShortestPathDocument, { fromId: from, toId: to, maxHops, via });
  expect(response.errors).toBeUndefined();
  const path = response.data!.shortestPath;
  if (!path) return null;
  const stored = await allEdges();
  expect(path.nodes[0].id).toBe(from);
  expect(path.nodes[path.nodes.length - 1].id).toBe(to);
  expect(path.relationships).toHaveLength(path.length);
  expect(path.nodes).toHaveLength(path.length + 1);
  path.relationships.forEach((r, i) => {
    const [here, there] = [path.nodes[i].id, path.nodes[i + 1].id];
    expect(r.direction === 'FORWARD' ? [r.from, r.to] : [r.to, r.from]).toEqual([here, there]);
    expect(stored).toContainEqual({ from: r.from, type: r.type, to: r.to });
  });
  return path;
}

describe('a researcher asks how two nodes are connected', () => {
  it('the reporter and the litigation service center: she wrote the report that names it, and no shorter walk exists', async () => {
    const expected = distance(await allEdges(), REPORTER, LITIGATION_CENTER);
    expect(expected).toBe(2);
    const path = await checkedPath(REPORTER, LITIGATION_CENTER);
    expect(path!.length).toBe(expected);
    expect(path!.nodes.map((n) => n.id)).toEqual([REPORTER, 'src-huainan-wf-2024-report', LITIGATION_CENTER]);
    expect(path!.relationships.map((r) => [r.type, r.direction])).toEqual([
      ['AUTHORED', 'FORWARD'],
      ['MENTIONS', 'FORWARD'],
    ]);
    expect(path!.relationships[1].sources[0]).toEqual({ locator: '¶5', source: { id: 'src-huainan-wf-2024-report' } });
  });

  it('through stated facts only, the reporter is not connected to the center', async () => {
    expect(distance(await factEdges(), REPORTER, LITIGATION_CENTER)).toBeNull();
    expect(await checkedPath(REPORTER, LITIGATION_CENTER, 6, FACTS)).toBeNull();
  });

  it('the municipal federation and the litigation service center, through stated facts: found, minimal, with sources on each step', async () => {
    const expected = distance(await factEdges(), 'org-huainan-wf', LITIGATION_CENTER);
    expect(expected).not.toBeNull();
    const path = await checkedPath('org-huainan-wf', LITIGATION_CENTER, 6, FACTS);
    expect(path!.length).toBe(expected);
    const received = path!.relationships.find((r) => r.type === 'RECEIVED');
    expect(received).toBeDefined();
    expect(received!.sources.map((s) => s.source!.id)).toContain('src-huainan-wf-2024-report');
    // A shorter bound than the distance finds nothing, without an error.
    const tooShort = await app.request(ShortestPathDocument, {
      fromId: 'org-huainan-wf',
      toId: LITIGATION_CENTER,
      maxHops: expected! - 1,
      via: FACTS,
    });
    expect(tooShort.errors).toBeUndefined();
    expect(tooShort.data!.shortestPath).toBeNull();
  });

  it('once the reporter is linked to the center two ways, the shorter way is the one returned, in one walk', async () => {
    // A long detour (4 hops through two fixture nodes and the intermediate court) and a short one (2 hops).
    await app.graph.write(
      `MATCH (reporter:Entity {id: $reporter}), (center:Entity {id: $center}), (court:Entity {id: 'org-huainan-intermediate-court'})
       CREATE (a:Entity:Person {id: 'test-path-colleague', name: '测试同事', aliases: []})
       CREATE (b:Entity:Organization {id: 'test-path-desk', name: '测试采访组', aliases: [], kind: 'TEAM'})
       CREATE (reporter)-[:MEMBER_OF {role: '记者', sourceIds: [], locators: []}]->(b)
       CREATE (a)-[:MEMBER_OF {role: '组长', sourceIds: [], locators: []}]->(b)
       CREATE (a)-[:MEMBER_OF {role: '联络员', sourceIds: [], locators: []}]->(court)
       CREATE (s:Entity:Person {id: 'test-path-shortcut', name: '测试联络人', aliases: []})
       CREATE (reporter)<-[:AUTHORED {role: '受访', sourceIds: [], locators: []}]-(s)
       CREATE (s)-[:MEMBER_OF {role: '调解员', sourceIds: ['src-huainan-wf-2024-report'], locators: ['¶1']}]->(center)`,
      { reporter: REPORTER, center: LITIGATION_CENTER },
    );
    try {
      const expected = distance(await factEdges(), REPORTER, LITIGATION_CENTER);
      expect(expected).toBe(2);
      const path = await checkedPath(REPORTER, LITIGATION_CENTER, 6, FACTS);
      expect(path!.length).toBe(2);
      expect(path!.nodes.map((n) => n.id)).toEqual([REPORTER, 'test-path-shortcut', LITIGATION_CENTER]);
      expect(path!.relationships.map((r) => [r.type, r.direction, r.role])).toEqual([
        ['AUTHORED', 'BACKWARD', '受访'],
        ['MEMBER_OF', 'FORWARD', '调解员'],
      ]);
      expect(path!.relationships[1].sources).toEqual([{ locator: '¶1', source: { id: 'src-huainan-wf-2024-report' } }]);

      // One for the walk, one (batched) for the cited sources' fields.
      const response = await app.request(ShortestPathDocument, { fromId: REPORTER, toId: LITIGATION_CENTER, via: FACTS });
      expect(response.extensions!.cypherRoundTrips).toBe(2);
    } finally {
      await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-path-' DETACH DELETE n");
    }
  });

  it('a path from a node to itself has no relationship', async () => {
    const path = await checkedPath(REPORTER, REPORTER);
    expect(path).toEqual({ length: 0, nodes: [{ id: REPORTER, __typename: 'Person' }], relationships: [] });
  });

  it('refuses hop bounds outside 1..6 and names the unknown end', async () => {
    for (const maxHops of [0, 7, -1, 100]) {
      const response = await app.request(ShortestPathDocument, { fromId: REPORTER, toId: LITIGATION_CENTER, maxHops });
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].message).toMatch(/maxHops/);
    }
    const unknown = await app.request(ShortestPathDocument, { fromId: REPORTER, toId: 'org-nowhere' });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0].message).toContain('org-nowhere');
  });

  it('looks both ends up through the id index rather than scanning labels', async () => {
    const session = app.driver.session();
    try {
        const result = await session.run(
          `EXPLAIN OPTIONAL MATCH (a:Entity {id: $from}) OPTIONAL MATCH (b:Entity {id: $to})
           OPTIONAL MATCH p = shortestPath((a)-[*..6]-(b)) RETURN p`,
          { from: 'x', to: 'y' },
        );
        const operators: string[] = [];
        const walk = (plan: any) => {
          operators.push(plan.operatorType);
          plan.children.forEach(walk);
        };
        walk(result.summary.plan);
        expect(operators.filter((op) => op.startsWith('NodeUniqueIndexSeek') || op.startsWith('NodeIndexSeek'))).toHaveLength(2);
        expect(operators.some((op) => /NodeByLabelScan|AllNodesScan/.test(op))).toBe(false);
    } finally {
      await session.close();
    }
  });
});

describe('a graph view asks for the neighborhood of a node', () => {
  it('one hop around the municipal federation: exactly its neighbors, and every edge among them', async () => {
    const neighbors = await app.graph.read(
      "MATCH (:Entity {id: 'org-huainan-wf'})--(m:Entity) RETURN DISTINCT m.id AS id",
    );
    const response = await app.request(NeighborhoodDocument, { id: 'org-huainan-wf', hops: 1, first: 200 });
    expect(response.errors).toBeUndefined();
    const { nodes, edges } = response.data!.neighborhood;
    expect(nodes[0].id).toBe('org-huainan-wf');
    expect(nodes.slice(1).map((n) => n.id).sort()).toEqual(neighbors.map((n) => n.id).sort());

    const ids = nodes.map((n) => n.id);
    const among = (await allEdges()).filter((e) => ids.includes(e.from) && ids.includes(e.to));
    expect(edges.map(({ from, type, to }) => ({ from, type, to })).sort(byKey)).toEqual(among.sort(byKey));
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
    // One for nodes and edges, and at most one (batched) for cited sources outside the neighborhood.
    expect(response.extensions!.cypherRoundTrips).toBeLessThanOrEqual(2);
  });

  it('two hops with a small budget keeps the nearest ring first and only edges among what it returns', async () => {
    const response = await app.request(NeighborhoodDocument, { id: LITIGATION_CENTER, hops: 2, first: 4 });
    expect(response.errors).toBeUndefined();
    const { nodes, edges } = response.data!.neighborhood;
    expect(nodes).toHaveLength(5);
    // The center has three neighbors (its court, its honor, the report naming it): all come before the second ring.
    expect(nodes.slice(1, 4).map((n) => n.id).sort()).toEqual([
      'honor-national-sanba-collective',
      'org-huainan-intermediate-court',
      'src-huainan-wf-2024-report',
    ]);
    const ids = new Set(nodes.map((n) => n.id));
    for (const edge of edges) expect(ids.has(edge.from) && ids.has(edge.to)).toBe(true);
  });

  it('refuses more than 3 hops or 200 nodes, and names an unknown center', async () => {
    const tooFar = await app.request(NeighborhoodDocument, { id: REPORTER, hops: 4 });
    expect(tooFar.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await app.request(NeighborhoodDocument, { id: REPORTER, first: 201 });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await app.request(NeighborhoodDocument, { id: 'person-nobody' });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

const byKey = (a: StoredEdge, b: StoredEdge) =>
  `${a.from} ${a.type} ${a.to}`.localeCompare(`${b.from} ${b.type} ${b.to}`);
