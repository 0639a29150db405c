// Times `orgChart` on a synthetic tree of 10,000 organizations (ids test-oc-bench-…, removed at
// the end). Needs a Neo4j you can write to — never a shared one: its data is left as found.
//   npm run build && NEO4J_URI=bolt://127.0.0.1:7687 node bench/org-chart-10k.mjs
// Options: ORGS (10000), BRANCHING (10 and 3: one wide and one deep tree), RUNS (5).
import 'reflect-metadata';
import { createDriver, Graph } from '../dist/db/graph.js';
import { startServer } from '../dist/server/app.js';
import { Loaders } from '../dist/db/loaders.js';
import { OrganizationRepository } from '../dist/organizations/organization.repository.js';

const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const orgs = Number(process.env.ORGS ?? 10000);
const runs = Number(process.env.RUNS ?? 5);
const shapes = (process.env.BRANCHING ?? '10,3').split(',').map(Number);

const driver = createDriver(uri, process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '');
const graph = new Graph(driver, process.env.NEO4J_DATABASE ?? 'neo4j');
const server = await startServer({ graph, port: 0, host: '127.0.0.1' });
const cleanup = () => graph.write("MATCH (n:Organization) WHERE n.id STARTS WITH 'test-oc-bench-' DETACH DELETE n");

async function orgChart(rootId, depth) {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'query($rootId: ID!, $depth: Int) { orgChart(rootId: $rootId, depth: $depth) { id parentId name kind level childCount memberCount awardCount hasMore } }',
      variables: { rootId, depth },
    }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { ms: performance.now() - started, nodes: body.data.orgChart.length, roundTrips: body.extensions.cypherRoundTrips };
}

/** The repository alone: the one Cypher query and the flattening, without GraphQL and HTTP. */
async function repositoryOnly(rootId, depth) {
  const started = performance.now();
  await new OrganizationRepository(graph, new Loaders()).orgChart(rootId, depth, []);
  return performance.now() - started;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  for (const branching of shapes) {
    await cleanup();
    // Node i hangs under node floor((i - 1) / branching): a complete tree filled level by level.
    const started = performance.now();
    await graph.write(
      `UNWIND range(0, toInteger($orgs) - 1) AS i
       CREATE (:Entity:Organization {id: 'test-oc-bench-' + i, name: '基准组织' + i, kind: 'TEAM', aliases: []})`,
      { orgs },
    );
    await graph.write(
      `UNWIND range(1, toInteger($orgs) - 1) AS i
       MATCH (child:Organization {id: 'test-oc-bench-' + i}), (parent:Organization {id: 'test-oc-bench-' + ((i - 1) / toInteger($branching))})
       CREATE (child)-[:PART_OF]->(parent)`,
      { orgs, branching },
    );
    const height = Math.ceil(Math.log((orgs * (branching - 1)) + 1) / Math.log(branching)) - 1;
    console.log(`\n${orgs} organizations, branching ${branching}, height ${height} (made in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    for (const depth of [3, Math.min(10, height), 10]) {
      await orgChart('test-oc-bench-0', depth); // warm the query plan and page cache
      const times = [];
      const cypher = [];
      let last;
      for (let run = 0; run < runs; run += 1) {
        last = await orgChart('test-oc-bench-0', depth);
        times.push(last.ms);
        cypher.push(await repositoryOnly('test-oc-bench-0', depth));
      }
      console.log(`  depth ${String(depth).padStart(2)}: ${String(last.nodes).padStart(5)} nodes, over HTTP median ${median(times).toFixed(0)} ms ` +
        `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}), ${last.roundTrips} Cypher round trip; ` +
        `query alone median ${median(cypher).toFixed(0)} ms (min ${Math.min(...cypher).toFixed(0)})`);
    }
  }
} finally {
  await cleanup();
  await server.stop();
  await driver.close();
}
