import { startTestApp, TestApp } from './support/app';
import { ExplainingGraph } from './support/explaining-graph';
import { addQueryFixtures, removeQueryFixtures } from './support/query-fixtures';
import { QDeepConnectionsDocument } from './__generated__/graphql';
import { Graph } from '../src/db/graph';
import { Loaders } from '../src/db/loaders';
import { BY_NAME, keysetPage } from '../src/api/connection';
import { OrganizationRepository } from '../src/organizations/organization.repository';
import { PersonRepository } from '../src/people/person.repository';
import { HonorRepository } from '../src/honors/honor.repository';
import { NodeRepository } from '../src/nodes/node.repository';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await removeQueryFixtures(app.graph);
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-q-' DETACH DELETE n");
  await app.close();
});

const explain = async (run: (graph: ExplainingGraph, loaders: Loaders) => Promise<unknown>) => {
  const graph = new ExplainingGraph(app.driver, app.graph.database);
  await run(graph, new Loaders());
  expect(graph.plans.length).toBeGreaterThan(0);
  return graph.plans;
};

const SCANS = ['NodeByLabelScan', 'AllNodesScan'];

describe('id and name lookups use indexes, not label scans', () => {
  it('node(id) and organization(id) seek the unique id index', async () => {
    for (const plan of await explain((graph, loaders) => new NodeRepository(graph, loaders).byId('org-huainan-wf'))) {
      expect(plan.operators).toContain('NodeUniqueIndexSeek');
      expect(plan.operators).not.toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(SCANS.join('|')))]));
    }
  });

  it('a relationship connection seeks each parent by id', async () => {
    const plans = await explain((graph, loaders) => {
      const repo = new OrganizationRepository(graph, loaders);
      const { page } = repo.linkedPage('children', 'org-huainan-wf', null, BY_NAME, keysetPage({ first: 5 }, BY_NAME));
      return page;
    });
    expect(plans[0].operators).toContain('NodeUniqueIndexSeek');
    for (const scan of SCANS) expect(plans[0].operators).not.toContain(scan);
  });

  it('listing organizations by name reads the name index in order', async () => {
    const plans = await explain((graph, loaders) => new OrganizationRepository(graph, loaders).list(null, BY_NAME, keysetPage({ first: 5 }, BY_NAME)));
    expect(plans[0].operators).toContain('NodeIndexScan');
    for (const scan of SCANS) expect(plans[0].operators).not.toContain(scan);
  });

  it.each([
    ['organizations', (graph: Graph, loaders: Loaders) => new OrganizationRepository(graph, loaders).list({ name: { eq: '市妇联' } }, BY_NAME, keysetPage({ first: 5 }, BY_NAME))],
    ['people', (graph: Graph, loaders: Loaders) => new PersonRepository(graph, loaders).list({ name: { in: ['何婷婷', '何婷'] } }, BY_NAME, keysetPage({ first: 5 }, BY_NAME))],
    ['honors', (graph: Graph, loaders: Loaders) => new HonorRepository(graph, loaders).list({ name: { eq: '三八红旗手' } }, BY_NAME, keysetPage({ first: 5 }, BY_NAME))],
  ])('a name lookup among %s seeks the name index (and the alias index), never scanning the label', async (_label, run) => {
    const plans = await explain(run);
    expect(plans[0].operators).toEqual(expect.arrayContaining(['NodeIndexSeek']));
    for (const scan of SCANS) expect(plans[0].operators).not.toContain(scan);
  });
});

describe('round trips are bounded by the query\'s depth, not by the size of the result', () => {
  it('a nested connections query costs the same over the fixtures as over three times as much data', async () => {
    await addQueryFixtures(app.graph);
    const before = await app.request(QDeepConnectionsDocument, { first: 100 });
    expect(before.errors).toBeUndefined();
    const trips = before.extensions!.cypherRoundTrips!;
    const edgesBefore = before.data!.organizations.totalCount;

    // Twenty more federations like the fixture's, each with children, awards, members and programs.
    await app.graph.write(
      `UNWIND range(1, 20) AS i
       CREATE (o:Entity:Organization {id: 'test-q-bulk-' + i, name: '样例批量' + i, aliases: [], kind: 'FEDERATION', sourceIds: [], locators: []})
       CREATE (c:Entity:Organization {id: 'test-q-bulk-child-' + i, name: '样例批量子' + i, aliases: [], kind: 'TEAM'})
       CREATE (c)-[:PART_OF {sourceIds: ['src-huainan-wf-2024-report'], locators: ['¶1']}]->(o)
       CREATE (h:Entity:Honor {id: 'test-q-bulk-honor-' + i, name: '样例批量奖' + i, aliases: []})
       CREATE (h)-[:CONFERRED_BY {sourceIds: [], locators: []}]->(o)
       CREATE (o)-[:RECEIVED {year: 2020 + i % 5, sourceIds: ['src-huainan-wf-2024-report'], locators: ['¶2']}]->(h)
       CREATE (c)-[:RECEIVED {year: 2021, sourceIds: [], locators: []}]->(h)
       CREATE (p:Entity:Person {id: 'test-q-bulk-person-' + i, name: '样例批量人' + i, aliases: []})
       CREATE (p)-[:MEMBER_OF {role: '执委', sourceIds: [], locators: []}]->(o)
       CREATE (p)-[:MEMBER_OF {role: '会员', sourceIds: [], locators: []}]->(c)
       CREATE (g:Entity:Program {id: 'test-q-bulk-program-' + i, name: '样例批量活动' + i, aliases: [], kind: 'EVENT', year: 2024})
       CREATE (o)-[:ORGANIZED {sourceIds: [], locators: []}]->(g)
       CREATE (c)-[:PARTNERED {sourceIds: [], locators: []}]->(g)`,
    );
    const after = await app.request(QDeepConnectionsDocument, { first: 100 });
    expect(after.errors).toBeUndefined();
    expect(after.data!.organizations.totalCount).toBe(edgesBefore + 40);
    const withMembers = after.data!.organizations.edges.filter((edge) => edge.node.membersConnection.totalCount > 0);
    expect(withMembers.length).toBeGreaterThanOrEqual(40);
    // One statement per connection field and level, one per totalCount asked for, one for the cited sources.
    expect(after.extensions!.cypherRoundTrips).toBe(trips);
    expect(trips).toBeLessThanOrEqual(16);
    process.stderr.write(`[query-plans] nested connections query: ${trips} Cypher round trips for ${after.data!.organizations.edges.length} organizations\n`);
  });
});
